"""The publisher: the footer's copyright holder, as the masthead spells it, never the wire."""

from __future__ import annotations

from pagedump_samples import HEADLINE, MENU, story_page

from newscorpus.ingest.pagedump import clean_page


def test_source_is_the_copyright_holder_in_the_footer() -> None:
    foot = "About us | Contact\n© 2024 The Harbor Post. All rights reserved."
    assert clean_page(story_page(foot=foot)).source == "The Harbor Post"


def test_source_drops_the_legal_form_and_trade_words() -> None:
    foot = "Copyright © 2024 Harbor Post Media Group Ltd. All rights reserved."
    assert clean_page(story_page(foot=foot)).source == "Harbor Post"


def test_source_is_spelled_as_the_masthead_spells_it() -> None:
    head = f"The Harbor Post\n\n{MENU}\n\n{HEADLINE}"
    foot = "© 2024 Harbor Post Media Ltd. All rights reserved."
    assert clean_page(story_page(head, foot=foot)).source == "The Harbor Post"


def test_source_is_the_site_not_the_wire_notice_under_the_story() -> None:
    foot = (
        "Copyright 2024 Norland Wire. All rights reserved. This material may not be published.\n\n"
        "Most read\n\n  • Tide tables for April\n\n© 2024 Bayside Today Broadcasting."
    )
    assert clean_page(story_page(foot=foot)).source == "Bayside Today"


def test_source_is_none_when_the_page_names_no_publisher() -> None:
    assert clean_page(story_page(foot="About us | Contact | Privacy policy")).source is None

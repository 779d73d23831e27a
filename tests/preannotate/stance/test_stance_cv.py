"""Folds grouped by body (and, on request, by claim) never split a group."""

from __future__ import annotations

from stance_synth import synthetic_pairs

from newscorpus.preannotate.stance.cv import claim_groups, grouped_folds


def test_no_body_is_in_two_folds():
    pairs = synthetic_pairs(claims=10)
    for train, held_out in grouped_folds(pairs, folds=5):
        assert not {pairs[i].body_id for i in train} & {pairs[i].body_id for i in held_out}


def test_folds_cover_every_pair_once():
    pairs = synthetic_pairs(claims=10)
    held = sorted(i for _, held_out in grouped_folds(pairs, folds=5) for i in held_out)
    assert held == list(range(len(pairs)))


def test_same_seed_gives_the_same_folds():
    pairs = synthetic_pairs(claims=10)
    first = [h.tolist() for _, h in grouped_folds(pairs, seed=3)]
    assert first == [h.tolist() for _, h in grouped_folds(pairs, seed=3)]


def test_claim_groups_join_the_bodies_of_one_claim():
    pairs = synthetic_pairs(claims=4)
    groups = dict(zip((p.body_id for p in pairs), claim_groups(pairs), strict=True))
    assert groups["c0-agree"] == groups["c0-disagree"] == groups["c0-discuss"]
    assert groups["c0-agree"] != groups["c1-agree"]


def test_claim_folds_keep_a_claims_bodies_together():
    pairs = synthetic_pairs(claims=10)
    for train, held_out in grouped_folds(pairs, folds=5, by="claim"):
        train_claims = {pairs[i].body_id.split("-")[0] for i in train}
        assert not train_claims & {pairs[i].body_id.split("-")[0] for i in held_out}

"""Rebuilds corpus/raw/sample/warc/sample-crawl.warc.gz, the sample's WARC input (synthetic).

The crawl holds a warcinfo record, request records, three HTML responses and two responses that
are not HTML (robots.txt and a PNG) which a reader must skip. Of the HTML responses, two are
articles found nowhere else and one is a byte-for-byte copy of
corpus/raw/sample/html/marenza-courier_castellan-bid.html (an exact duplicate across formats). The
Harrow Valley Gazette page is served as windows-1252, declared in its HTTP header and meta tag,
so a reader has to honour the declared charset.

Record ids and dates are fixed, so the output is byte-identical from run to run. The script only
writes that one file.

Usage: .venv/bin/python scripts/make_sample_warc.py
"""

from __future__ import annotations

import struct
import uuid
import zlib
from datetime import datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "raw" / "sample"
OUT = SAMPLE / "warc" / "sample-crawl.warc.gz"
DUPLICATE_SOURCE = SAMPLE / "html" / "marenza-courier_castellan-bid.html"
DUPLICATE_URI = (
    "https://www.marenzacourier.example/business/port/article/"
    "Castellan-offers-900-million-for-Marenza-port-20250407.php"
)
# Record ids are derived from this namespace so that rebuilding gives the same bytes.
ID_NAMESPACE = uuid.UUID("6f1c7f0e-8a52-4d5b-9d7e-2b8f6a1c0e55")
USER_AGENT = "newscorpus-sample-crawler/1.0 (synthetic)"

RADIO_BRENMOOR_URI = "https://www.radiobrenmoor.example/news/2025/04/05/orsos-repeal-carbon-levy"
RADIO_BRENMOOR_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Orsós vows to repeal carbon levy 'on day one' | Radio Brenmoor News</title>
<meta name="description" content="Synthetic article written for the newscorpus sample corpus">
<meta name="author" content="Jonas Petrie">
<link rel="canonical" href="https://www.radiobrenmoor.example/news/2025/04/05/orsos-repeal-carbon-levy">
<meta property="og:site_name" content="Radio Brenmoor News">
<meta property="og:title" content="Orsós vows to repeal carbon levy 'on day one'">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2025-04-05T17:25:00+02:00">
<script src="https://player.radiobrenmoor.example/embed.js" async></script>
</head>
<body>
<div class="cookie-consent">Radio Brenmoor uses cookies.
  <button>Accept</button> <button>Settings</button></div>
<header>
  <a href="/" class="logo">Radio Brenmoor</a>
  <nav><ul>
    <li><a href="/news/">News</a></li><li><a href="/listen/">Listen live</a></li>
    <li><a href="/podcasts/">Podcasts</a></li><li><a href="/schedule/">Schedule</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1>Orsós vows to repeal carbon levy 'on day one'</h1>
  <p class="byline">By Jonas Petrie · 5 April 2025, 17:25</p>
  <div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
  <figure>
    <img src="/img/2025/04/dolvek-rally.jpg" alt="">
    <figcaption>Benedek Orsós addresses supporters at a rally in Dolvek on April 5, 2025.
    Radio Brenmoor/Jonas Petrie</figcaption>
  </figure>
  <div class="listen">&#9654; Listen to this report (2:41)</div>
  <p>The leader of the National Farmers' Alliance, Benedek Orsós, promised on Saturday to scrap
  Veldavia's proposed carbon levy on his first day in office if his party wins next year's
  general election.</p>
  <p>Speaking to around 2,000 supporters at a rally in the market town of Dolvek, Orsós said the
  levy was "a tax written in Brenmoor by people who have never had to drive forty kilometres to a
  doctor."</p>
  <p>"On day one, we repeal it. Not on day one hundred. On day one," he told the crowd. "And every
  euro this government has taken will be given back."</p>
  <p>Polls suggest the alliance is gaining ground. A survey for Radio Brenmoor published last week
  put it at 24 percent, up six points since January and within reach of the governing Civic
  Renewal party.</p>
  <p>The government dismissed the pledge. Environment Minister Célia Ferrand-Okoye said that
  repealing the levy would mean "cancelling the dividend cheques of two million people," and
  accused Orsós of offering "nostalgia instead of a plan."</p>
  <p>Orsós did not say how his party would meet Veldavia's emissions targets without the levy.
  Asked by a reporter, he said the answer lay in "better tractors, not higher taxes."</p>
</article>
<aside>
  <h2>Latest news</h2>
  <ul>
    <li><a href="#">Varn talks: ministers arrive under heavy security</a></li>
    <li><a href="#">Weather: frost warning for the Harrow Valley</a></li>
  </ul>
</aside>
</main>
<footer>
  <p>© 2025 Radio Brenmoor. All rights reserved.</p>
  <p>Synthetic page written for newscorpus; all names are invented.</p>
</footer>
</body>
</html>
"""

GAZETTE_URI = "https://harrowgazette.example/2025/04/08/monitors-unusual-night-traffic-sallow-pass/"
GAZETTE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Border monitors report ‘unusual night traffic’ near Sallow Pass –
  Harrow Valley Gazette</title>
<meta name="description" content="Synthetic article written for the newscorpus sample corpus">
<meta name="author" content="Hélène Vasquier">
<link rel="canonical" href="https://harrowgazette.example/2025/04/08/monitors-unusual-night-traffic-sallow-pass/">
<meta property="og:site_name" content="Harrow Valley Gazette">
<meta property="og:title" content="Border monitors report ‘unusual night traffic’ near Sallow Pass">
<meta property="article:published_time" content="2025-04-08T08:00:00+02:00">
<script type="text/javascript">var gaz_ads = {slot: "article-top", section: "valley"};</script>
</head>
<body class="post-template-default single">
<div id="cookie-law-info-bar">We use cookies on our website. By clicking “Accept”, you consent
to the use of ALL the cookies. <a role="button" id="cookie_action_close_header">Accept</a></div>
<div id="page">
<header id="masthead">
  <p class="site-title"><a href="/">Harrow Valley Gazette</a></p>
  <p class="site-description">The valley’s newspaper since 1904</p>
  <nav class="main-navigation">
    <ul id="primary-menu">
      <li><a href="/category/news/">News</a></li>
      <li><a href="/category/farming/">Farming</a></li>
      <li><a href="/category/border/">Border</a></li>
      <li><a href="/category/notices/">Notices</a></li>
    </ul>
  </nav>
</header>
<div id="content">
<article class="post type-post">
  <header class="entry-header">
    <h1 class="entry-title">Border monitors report ‘unusual night traffic’ near Sallow Pass</h1>
    <div class="entry-meta">Posted on <time datetime="2025-04-08T08:00:00+02:00">8 April 2025</time>
    by <span class="author">Hélène Vasquier</span></div>
  </header>
  <div class="entry-content">
    <p>HARROW VALLEY — International monitors have recorded what they described as “unusual
    night-time vehicle movements” on the Ostranian side of the Sallow Pass on at least four
    occasions in March, according to a report seen by the Gazette.</p>
    <p>The report, compiled by the Regional Border Monitoring Mission, does not say what the
    vehicles were carrying and stops short of backing Veldavia’s claim that Ostrania has been
    supplying weapons to the Sallow Front militia.</p>
    <figure class="wp-block-image"><img src="/wp-content/uploads/2025/04/pass-road.jpg" alt="">
    <figcaption>The road to the Sallow Pass above the village of Orvel, April 6, 2025. Gazette
    photo/Hélène Vasquier</figcaption></figure>
    <p>“We describe what we see. We do not describe what we cannot see,” the mission’s head,
    Ingrid Sølvhøj, said when asked about the report on Tuesday. “The vehicles were there. Their
    cargo was not visible to us.”</p>
    <p>Veldavia’s defence ministry said the report “confirms the pattern” it had described.
    Ostrania’s foreign ministry said the same report showed that “no weapons have been observed
    crossing the border,” and called on Veldavia to stop “misrepresenting neutral observers.”</p>
    <p>For residents of the valley, the dispute is less abstract. Mirela Dascal, who runs a bakery
    in the village of Orvel, three kilometres from the pass, said shelling had twice broken the
    windows of her shop this winter.</p>
    <p>“Everyone in Brenmoor and Kesh has an opinion about who is arming whom,” she said. “Nobody
    asks who is paying for the glass.”</p>
  </div>
  <footer class="entry-footer">
    <span class="cat-links">Posted in <a href="/category/border/">Border</a></span>
  </footer>
</article>
<nav class="post-navigation">
  <div class="nav-previous"><a href="#">Previous: Orvel school reopens after repairs</a></div>
  <div class="nav-next"><a href="#">Next: Lambing season starts early in the upper valley</a></div>
</nav>
</div>
<footer id="colophon">
  <p>© 2025 Harrow Valley Gazette · Proudly independent</p>
  <p>Synthetic page written for newscorpus; all names are invented.</p>
</footer>
</div>
</body>
</html>
"""

ROBOTS_URI = "https://www.radiobrenmoor.example/robots.txt"
ROBOTS_TXT = "User-agent: *\nDisallow: /admin/\nDisallow: /search\n"
FAVICON_URI = "https://www.marenzacourier.example/favicon.png"


def _png(width: int = 16, height: int = 16) -> bytes:
    """A small, valid PNG (a two-colour block), so the non-HTML record is realistic."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    dark, light = b"\x1a\x3c\x6e", b"\xf0\xe6\xd2"
    rows = b"".join(
        b"\x00" + b"".join(dark if (x + y) % 4 < 2 else light for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _record_id(uri: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, kind + ' ' + uri)}>"


def _http_date(warc_date: str) -> str:
    moment = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ")
    return moment.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _write_request(writer: WARCWriter, uri: str, date: str) -> None:
    scheme_host, _, path = uri.partition("://")[2].partition("/")
    http_headers = StatusAndHeaders(
        f"GET /{path} HTTP/1.1",
        [("Host", scheme_host), ("User-Agent", USER_AGENT), ("Accept", "*/*")],
        is_http_request=True,
    )
    record = writer.create_warc_record(
        uri,
        "request",
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": _record_id(uri, "request"),
            "WARC-Date": date,
        },
    )
    writer.write_record(record)


def _write_response(
    writer: WARCWriter, uri: str, date: str, body: bytes, content_type: str
) -> None:
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", _http_date(date)),
            ("Server", "nginx"),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": _record_id(uri, "response"),
            "WARC-Date": date,
            "WARC-IP-Address": "192.0.2.10",
        },
    )
    writer.write_record(record)


def _write_warcinfo(writer: WARCWriter, date: str) -> None:
    info = (
        b"software: newscorpus scripts/make_sample_warc.py\r\n"
        b"format: WARC File Format 1.1\r\n"
        b"description: Synthetic crawl written for the newscorpus sample corpus; "
        b"all names are invented.\r\n"
    )
    warc_headers = StatusAndHeaders(
        "",
        [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", _record_id(OUT.name, "warcinfo")),
            ("WARC-Filename", OUT.name),
            ("WARC-Date", date),
        ],
        protocol="WARC/1.1",
    )
    record = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(info),
        length=len(info),
        warc_headers=warc_headers,
        warc_content_type="application/warc-fields",
    )
    writer.write_record(record)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    html_utf8 = "text/html; charset=utf-8"
    with OUT.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="WARC/1.1")
        _write_warcinfo(writer, "2025-04-12T06:00:00Z")
        _write_request(writer, ROBOTS_URI, "2025-04-12T06:00:01Z")
        _write_response(
            writer, ROBOTS_URI, "2025-04-12T06:00:01Z", ROBOTS_TXT.encode(), "text/plain"
        )
        _write_request(writer, RADIO_BRENMOOR_URI, "2025-04-12T06:00:03Z")
        _write_response(
            writer,
            RADIO_BRENMOOR_URI,
            "2025-04-12T06:00:03Z",
            RADIO_BRENMOOR_HTML.encode("utf-8"),
            html_utf8,
        )
        _write_request(writer, GAZETTE_URI, "2025-04-12T06:00:07Z")
        _write_response(
            writer,
            GAZETTE_URI,
            "2025-04-12T06:00:07Z",
            GAZETTE_HTML.encode("cp1252"),
            "text/html; charset=windows-1252",
        )
        _write_request(writer, FAVICON_URI, "2025-04-12T06:00:09Z")
        _write_response(writer, FAVICON_URI, "2025-04-12T06:00:09Z", _png(), "image/png")
        _write_request(writer, DUPLICATE_URI, "2025-04-12T06:00:10Z")
        _write_response(
            writer,
            DUPLICATE_URI,
            "2025-04-12T06:00:10Z",
            DUPLICATE_SOURCE.read_bytes(),
            html_utf8,
        )


if __name__ == "__main__":
    main()

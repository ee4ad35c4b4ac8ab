"""Small realistic inputs written by the tests themselves: news pages, WARCs, feeds, text."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY = [
    "Gunmen killed four soldiers and wounded two others in an ambush on a military convoy "
    "near the town of Ruvaka on Tuesday, the army said in a statement.",
    "The attackers opened fire from both sides of the road as the convoy crossed a bridge "
    "about twelve kilometres north of the town, a local official told reporters.",
    "No group has claimed responsibility for the attack. Residents said they heard heavy "
    "gunfire for more than an hour before reinforcements arrived from the district capital.",
    "The region has seen a rise in attacks on security forces since the start of the year, "
    "with several convoys targeted on the same stretch of highway.",
]

SECOND_STORY = [
    "Police arrested fifteen protesters in the capital on Saturday after a march against "
    "rising fuel prices turned into clashes near the parliament building.",
    "Officers fired tear gas to disperse several hundred demonstrators who had blocked a main "
    "avenue, witnesses said, and at least three people were treated for injuries.",
    "Organisers said the protest had been peaceful until police moved in, while the interior "
    "ministry said officers had responded to stones thrown at them.",
]

SPANISH_STORY = (
    "Hombres armados atacaron una patrulla de la policía estatal en la carretera que une "
    "los dos municipios y mataron a tres agentes, informaron las autoridades el lunes. "
    "La fiscalía abrió una investigación y desplegó a cientos de elementos en la zona."
)

GERMAN_STORY = (
    "Bewaffnete Männer haben am Montag eine Polizeistreife auf der Landstraße zwischen den "
    "beiden Gemeinden angegriffen und drei Beamte getötet, teilten die Behörden mit. "
    "Die Staatsanwaltschaft hat Ermittlungen aufgenommen."
)


def news_page(
    title: str,
    paragraphs: list[str],
    published: str = "2024-03-12T08:30:00Z",
    author: str = "Amina Diallo",
    site: str = "The Daily Courier",
) -> str:
    """A news page with navigation, ads, a related-posts box, comments and JSON-LD."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": site},
    }
    body = "\n".join(f"      <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{site}">
  <meta name="author" content="{author}">
  <script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body>
  <header class="site-header">
    <nav class="main-nav"><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
      <li><a href="/subscribe">Subscribe now for unlimited access</a></li>
    </ul></nav>
  </header>
  <div class="ad-banner advertisement" id="ad-top">ADVERTISEMENT Buy discount flights
    today with SkyCheap, the best fares guaranteed!</div>
  <main>
    <article class="story">
      <h1 class="headline">{title}</h1>
      <div class="byline">By <span class="author">{author}</span>
        <time datetime="{published}">{published[:10]}</time></div>
{body}
    </article>
    <aside class="related-posts">
      <h3>Related posts</h3>
      <ul><li><a href="/a">Ten gadgets you need this summer</a></li>
      <li><a href="/b">Celebrity chef opens third restaurant</a></li></ul>
    </aside>
    <section id="comments" class="comments">
      <h3>Comments</h3>
      <div class="comment"><p>reader42: This is what happens when nobody listens to the
        farmers, shame on the government.</p></div>
    </section>
  </main>
  <footer class="site-footer"><p>Copyright 2024 The Daily Courier. All rights reserved.
    Privacy policy. Cookie settings.</p></footer>
</body>
</html>
"""


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzip: bool = True) -> None:
    """A WARC with a request/response pair per (url, capture date, html) page."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, captured, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers, warc_headers_dict={"WARC-Date": captured},
            )
            writer.write_record(record)
        # A non-HTML response that must be ignored.
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG...."),
            http_headers=img,
        ))


def rss_feed(entries: list[dict[str, str]], title: str = "Courier World News") -> str:
    """An RSS 2.0 feed; each entry has title, link, date (RFC 822) and html content."""
    items = "\n".join(
        f"""    <item>
      <title>{e['title']}</title>
      <link>{e['link']}</link>
      <guid>{e['link']}</guid>
      <pubDate>{e['date']}</pubDate>
      <description><![CDATA[{e['html']}]]></description>
    </item>"""
        for e in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{title}</title>
    <link>https://courier.example/world</link>
    <description>World news</description>
{items}
  </channel>
</rss>
"""


def as_html(paragraphs: list[str]) -> str:
    """Paragraphs as an HTML fragment (for feed content)."""
    return "".join(f"<p>{p}</p>" for p in paragraphs)

"""HTML reader: main text only, block elements as paragraphs, tables as TableBlocks."""

from __future__ import annotations

from ingest.rawdoc import Paragraph, TableBlock
from ingest.readers import read

PAGE = """<!DOCTYPE html><html><head><title>Cổng thông tin</title><style>p{color:red}</style>
<script>var x = "Điều 99. không phải văn bản";</script></head>
<body>
<header><a href="/">Trang chủ</a></header>
<nav><ul><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
<main>
<h1>Chỉ thị số 05/CT-UBND</h1>
<p>Để tăng cường công tác <b>cải cách hành chính</b>,<br>Chủ tịch yêu cầu:</p>
<p>1. Các sở, ngành rà soát thủ tục.</p>
<table border="1"><tr><th>STT</th><th>Nhiệm vụ</th></tr><tr><td>1</td><td>Báo cáo</td></tr></table>
</main>
<aside>Tin liên quan</aside>
<footer>Bản quyền © Cổng thông tin</footer>
</body></html>"""


def test_main_text_without_chrome() -> None:
    raw = read(PAGE.encode(), filename="page.html")
    assert raw.file_type == "html"
    assert raw.blocks == [
        Paragraph("Chỉ thị số 05/CT-UBND", style="Heading 1"),
        Paragraph("Để tăng cường công tác cải cách hành chính,\nChủ tịch yêu cầu:"),
        Paragraph("1. Các sở, ngành rà soát thủ tục."),
        TableBlock(rows=[["STT", "Nhiệm vụ"], ["1", "Báo cáo"]]),
    ]


def test_page_without_main_uses_body_and_drops_nav() -> None:
    html = "<html><body><nav>Menu</nav><div><p>Nội dung chính</p></div><footer>Chân trang</footer></body></html>"
    assert read(html.encode(), filename="a.htm").blocks == [Paragraph("Nội dung chính")]


def test_declared_legacy_charset() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Vieät Nam</p></body></html>'
    raw = read(html.encode("cp1252"), filename="vni.html")
    assert raw.blocks == [Paragraph("Việt Nam")]

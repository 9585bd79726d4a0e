"""Python-Markdown extensions of the guide.

They run wherever Markdown is rendered (web pages, offline copy, the print page that becomes the PDF,
any later edition or a move to Zensical), so no output can miss them, unlike MkDocs hooks.
"""

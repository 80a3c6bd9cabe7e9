"""Trust boundaries shared by every app (issue 10): what may enter, and what a renderer may read.

`gates.richtext` sanitises rich text at every way in (models, imports, commands);
`gates.url_fetcher` is the one URL fetcher every WeasyPrint call uses. Neither imports Django at
module level, so catalogue, exhibition, translations and printing (including its bare worker
processes) can all use them without breaking the one-way dependency rules.
"""

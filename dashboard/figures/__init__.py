"""Each page's figures, built from the analytics' frames: one module per page, one function
per figure, returning a Plotly figure that `charts.chart` draws. Texts come from the locale
tables and values are written by `formats`, so a figure reads the same in every place."""

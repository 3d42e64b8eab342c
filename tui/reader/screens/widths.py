"""The terminal widths at which the main screen changes its layout: the main screen sets its
breakpoints from them and the help screen tells them, so they live here, imported by both."""

NARROW, WIDE = 100, 120  # columns: below NARROW the list sits above the article; below WIDE no districts

"""The view state of every screen: what a link says, what the widgets hold, and the way between them.

Each screen declares its view as a table of fields (`fields.Screen`); `session` resolves it from the
URL or the widgets, stores it, queues notices for bad link values and writes the URL, and is the only
module that writes `st.query_params`. Everything but `session` is pure, so `exports.table` and the unit
tests use the pages' own rules.
"""

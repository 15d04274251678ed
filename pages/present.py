"""Presentation mode: a full-screen deck of an area set or an area, slide by slide, with its exports."""

from components.present_view import presentation, resolve_target, target_chooser
from components.state import current_language, show_notices
from data_access import cached

lang = current_language()
url = cached.current_url()
target, year = resolve_target(url)
show_notices()
if target is None or year is None:
    target_chooser(url, lang)
else:
    presentation(url, target, year, lang)

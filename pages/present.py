"""Presentation mode: a full-screen deck of an area set or an area, slide by slide, with its exports."""

from components.present.view import presentation, resolve_presentation, target_chooser
from components.shell.state import current_language
from components.view.session import show_notices
from data_access import cached

lang = current_language()
url = cached.current_url()
view = resolve_presentation(url)
show_notices()
if view.target is None or view.year is None:
    target_chooser(url, view, lang)
else:
    presentation(url, view, lang)

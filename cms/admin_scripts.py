"""Wagtail's admin without inline scripts, so that it runs under the same strict Content-Security-Policy as the site.

Wagtail 8 writes a few set-up calls as inline ``<script>`` elements (upstream:
https://github.com/wagtail/wagtail/issues/1288): the date and time pickers, InlinePanel and MultipleChooserPanel, and
chooser widgets outside StreamField (a page, image, snippet or task chooser in a form field). Allowing them would mean
``'unsafe-inline'``, which lets any markup that slips into an admin page run.
Instead, the templates under ``templates/wagtailadmin/`` and :func:`render_chooser` write each call as data that a
browser never executes, ``<script type="application/json" data-admin-init="initDateChooser">["id_go_live_at",
{...}]</script>``, and ``static/js/admin-init.js`` makes the call, from a fixed list of Wagtail's functions, once the
page is parsed and whenever the admin adds markup later (a new InlinePanel child).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser

# The characters that could end a <script> element or start a comment inside one, written as JSON escapes.
_SCRIPT_SAFE_JSON = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def admin_init_script(call: str, *args) -> SafeString:
    """Inert markup asking ``admin-init.js`` to call Wagtail's ``call(*args)`` (with ``new`` for a constructor)."""
    data = json.dumps(list(args), cls=DjangoJSONEncoder).translate(_SCRIPT_SAFE_JSON)
    # JSON with <, > and & escaped cannot end the element or open markup inside it.
    data = mark_safe(data)  # noqa: S308
    return format_html('<script type="application/json" data-admin-init="{}">{}</script>', call, data)


_wagtail_render_chooser = BaseChooser.render


def render_chooser(self: BaseChooser, name, value, attrs=None, renderer=None) -> SafeString:
    """``BaseChooser.render`` with its inline ``<script>`` replaced by :func:`admin_init_script`.

    A chooser class that writes its own set-up code (other than Wagtail's task chooser) keeps Wagtail's rendering;
    the admin's CSP test then reports it.
    """
    is_standard = type(self).render_js_init is BaseChooser.render_js_init
    if not (is_standard or isinstance(self, AdminTaskChooser)):
        return _wagtail_render_chooser(self, name, value, attrs, renderer)
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    if is_standard:
        init = admin_init_script(self.js_constructor, id_, self.get_js_init_options(id_, name, value_data))
    else:
        init = admin_init_script("createTaskChooser", id_)
    return self.render_html(name, value_data, attrs) + init


def install() -> None:
    """Make every chooser widget render its set-up call as data (called once, from ``CmsConfig.ready``)."""
    BaseChooser.render = render_chooser

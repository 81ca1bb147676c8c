import json

from django import template

from cms.admin_scripts import admin_init_script

register = template.Library()


@register.simple_tag
def admin_init(call: str, *args):
    """``{% admin_init "InlinePanel" options %}``: see :mod:`cms.admin_scripts`."""
    return admin_init_script(call, *args)


@register.filter
def from_json(text: str):
    """Wagtail hands some set-up options to its templates already encoded as JSON."""
    return json.loads(text)

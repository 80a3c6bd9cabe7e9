"""{% head_meta %}: the discovery metadata of a public page's head (visitor.discovery)."""

from django import template

from ..discovery import head_metadata

register = template.Library()


@register.inclusion_tag("visitor/head_meta.html", takes_context=True)
def head_meta(context):
    """Meta description, robots, x-default alternate, Open Graph/Twitter tags and JSON-LD."""
    return {"meta": head_metadata(context), "request": context.get("request")}

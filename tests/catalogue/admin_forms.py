"""Submitting a page's edit form in the admin, as the browser would."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text


def post_edit(client, page, **changes):
    """Submit the page's edit form as the browser would: what the form shows, plus `changes`."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update({f"description_{lang}": rich_text("") for lang in ("de", "zh_hans", "en")})
    data.update(changes)
    return client.post(url, nested_form_data({k: v for k, v in data.items() if v is not None}))

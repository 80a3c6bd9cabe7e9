"""Who may see registrar data in the admin: choosers, documents in private collections, tags.

Wagtail leaves three doors open that this module closes:

- Snippet choosers (`/admin/snippets/choose/<app>/<model>/…`) answer anyone who may open the
  admin. `PermissionCheckedSnippetViewSet` gives a viewset choosers that answer only users with a
  permission on the model (the same rule as the snippet listing), and the same 403 whether the
  object asked for exists or not.
- Collection permissions are inherited downwards, so whoever may edit documents in the root
  collection also lists, downloads, edits and moves those in a private sub-collection (the loan
  agreements). `PrivateCollectionDocumentPolicy` hides collections with a group view restriction
  from everyone outside those groups, whatever their inherited permissions.
- The tag autocomplete and the documents listing's tag filter offer every tag name;
  `tag_autocomplete` and `DocumentIndexView` leave out tags that only documents the user may not
  see carry.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.auth import require_admin_access
from wagtail.documents.views import documents
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser

from catalogue.viewsets import SnippetViewSet

# Any of these on a model lets a user list its objects, so it also lets them choose one.
VIEW_ACTIONS = ("add", "change", "delete", "view")


def hidden_collection_ids(user):
    """Ids of the collections whose group view restriction `user` does not pass (with their
    descendants); empty for superusers. Cached on the user object for one request."""
    if user.is_active and user.is_superuser:
        return frozenset()
    cached = getattr(user, "_leporello_hidden_collections", None)
    if cached is not None:
        return cached
    restrictions = CollectionViewRestriction.objects.filter(
        restriction_type=CollectionViewRestriction.GROUPS
    ).select_related("collection")
    if user.is_authenticated:
        restrictions = restrictions.exclude(groups__in=user.groups.all())
    hidden = set()
    for restriction in restrictions:
        hidden |= set(
            Collection.objects.descendant_of(restriction.collection, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    user._leporello_hidden_collections = frozenset(hidden)
    return user._leporello_hidden_collections


class PrivateCollectionDocumentPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy, except that a collection only some groups may view is out of
    reach (list, choose, edit, move into or out of, delete) for everyone else."""

    def _check_perm(self, user, actions, collection=None):
        if collection is not None and collection.pk in hidden_collection_ids(user):
            return False
        return super()._check_perm(user, actions, collection=collection)

    def _collections_with_perm(self, user, actions):
        collections = super()._collections_with_perm(user, actions)
        return collections.exclude(pk__in=hidden_collection_ids(user))


def register_document_policy():
    """Called from the app's ready(); `exact_class` wins over Wagtail's own registration."""
    from wagtail.documents import get_document_model, get_document_model_string

    policy_registry.register(
        get_document_model(),
        PrivateCollectionDocumentPolicy(
            get_document_model_string(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )


class ViewPermissionRequired:
    """Answer only users who may list the model; others get 403 before any object is looked up,
    so an id that exists and one that does not look the same."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, VIEW_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ViewPermissionRequired, chooser.ChooseView):
    """Wagtail\'s view, behind `ViewPermissionRequired`."""


class ChooseResultsView(ViewPermissionRequired, chooser.ChooseResultsView):
    """Wagtail\'s view, behind `ViewPermissionRequired`."""


class ChosenView(ViewPermissionRequired, chooser.SnippetChosenView):
    """Wagtail\'s view, behind `ViewPermissionRequired`."""


class ChosenMultipleView(ViewPermissionRequired, chooser.SnippetChosenMultipleView):
    """Wagtail\'s view, behind `ViewPermissionRequired`."""


class CreateView(ViewPermissionRequired, chooser.SnippetCreateView):
    """Wagtail\'s view, behind `ViewPermissionRequired`."""


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


class PermissionCheckedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose chooser answers only users with a permission on the model."""

    chooser_viewset_class = PermissionCheckedChooserViewSet


@require_admin_access
def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete without the tags that only hidden documents carry.

    GET ?term=<start> -> JSON list of up to 10 tag names (case-insensitive prefix match).
    """
    from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT, autocomplete

    if app_name or model_name:
        return autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        visible_tags(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


def visible_tags(user):
    """Tags carried by at least one object other than a document hidden from `user`."""
    from wagtail.documents import get_document_model

    document_type = ContentType.objects.get_for_model(get_document_model())
    hidden_documents = (
        get_document_model()
        .objects.filter(collection_id__in=hidden_collection_ids(user))
        .values_list("pk", flat=True)
    )
    uses = TaggedItem.objects.exclude(
        Q(content_type=document_type) & Q(object_id__in=hidden_documents)
    )
    return Tag.objects.filter(pk__in=uses.values("tag_id"))


class DocumentsFilterSet(documents.DocumentsFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "tag" in self.filters:
            from wagtail.documents import get_document_model

            document_type = ContentType.objects.get_for_model(get_document_model())
            tags = (
                visible_tags(request.user)
                .filter(
                    taggit_taggeditem_items__content_type=document_type,
                    taggit_taggeditem_items__object_id__in=self.queryset.values("pk"),
                )
                .annotate(item_count=Count("taggit_taggeditem_items"))
                .order_by("-item_count")[:10]
            )
            self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]


class DocumentIndexView(documents.IndexView):
    """Wagtail's documents listing whose tag filter offers only tags of documents shown."""

    filterset_class = DocumentsFilterSet

"""The shapes the API answers with (pydantic models through django-ninja): they are the OpenAPI
document's components, and every response is validated against them before it is sent."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema


class Text(Schema):
    """A translated plain text in the language asked for, or in its fallback language."""

    value: str = Field(description="The text; empty when no language has one.")
    lang: str = Field(description="BCP 47 tag of the language the text is in: de, zh-Hans, en.")
    fallback: bool = Field(description="True when the text is not in the language asked for.")


class RichText(Schema):
    """A translated rich text: sanitised HTML (only the markup the editor offers for the field)
    and the same text without markup (paragraphs separated by a blank line)."""

    html: str
    text: str
    lang: str
    fallback: bool


class Rendition(Schema):
    url: str = Field(description="Absolute address of a public, metadata-free image file.")
    width: int = Field(description="Pixels.")
    height: int = Field(description="Pixels.")
    format: Literal["jpeg", "webp", "avif"]


class Image(Schema):
    id: int
    alt: Text = Field(description="What the photograph shows, for people who cannot see it.")
    width: int = Field(description="Pixels of the public web master.")
    height: int
    credit: str = Field(description="Photographer credit, e.g. 'Photo: Bernard Langerock'.")
    copyright: str
    thumbnails: list[Rendition] = Field(description="4:3 crops, 320 and 640 px wide.")
    renditions: list[Rendition] = Field(description="1024, 1536 and 2048 px wide.")
    zoom: Rendition | None = Field(description="A 2732 px JPEG, when made.")
    iiif_info: str | None = Field(
        description="IIIF Image API 3 (level 0) info.json of the deep-zoom tiles, when made."
    )


class SectionRef(Schema):
    slug: str
    title: Text


class Section(SectionRef):
    river: Text
    introduction: Text


class StopSection(SectionRef):
    work_count: int = Field(description="Works of this section on the stop's checklist.")


class Dimensions(Schema):
    width_mm: int | None
    height_mm: int | None
    depth_mm: int | None = None


class WorkDimensions(Schema):
    image: Dimensions
    sheet: Dimensions
    frame: Dimensions


class ExhibitionRef(Schema):
    id: int
    url: str = Field(description="This exhibition in the API.")
    title: Text


class WorkRef(Schema):
    id: int
    url: str = Field(description="This work in the API.")
    title: Text


class WorkSummary(WorkRef):
    web_url: str = Field(description="The work's public page in the language asked for.")
    inventory_number: str | None
    catalogue_number: int | None
    year: int | None
    section: str | None = Field(description="Slug of the work's section.")
    thumbnail: Rendition | None = Field(description="The smallest JPEG thumbnail, when made.")
    is_sample: bool = Field(description="Invented for the demo, not a work of the exhibition.")


class Hanging(Schema):
    """Where a work hangs on a tour stop."""

    stop: str = Field(description="Slug of the tour stop.")
    stop_url: str
    label_number: int = Field(description="The number on the wall label at that stop.")
    web_url: str
    short_url: str = Field(description="The permanent address printed on the wall label.")


class WorkDetail(WorkSummary):
    lang: str = Field(description="The language asked for (BCP 47).")
    caption: Text
    description: RichText
    place_name: Text
    medium: Text
    credit_line: Text
    image: Image | None
    dimensions: WorkDimensions
    edition: str = Field(description="e.g. '3/7', '3/7 + 2 AP', 'AP 1/2'; '' when not editioned.")
    edition_number: int | None
    edition_size: int | None
    artist_proofs: int | None
    is_artist_proof: bool
    exhibition: ExhibitionRef
    counterpart: WorkRef | None = Field(description="The work it is paired with.")
    on_view: list[Hanging] = Field(description="The public tour stops showing it.")
    last_published_at: datetime | None


class Venue(Schema):
    name: Text
    city: Text
    address: Text
    opening_hours: Text
    country: str = Field(description="ISO 3166 code, e.g. DE.")
    time_zone: str = Field(description="IANA time zone, e.g. Asia/Shanghai.")
    website: str


class StopSummary(Schema):
    slug: str
    url: str = Field(description="This tour stop in the API.")
    web_url: str = Field(description="The stop's public catalogue page.")
    checklist_url: str = Field(description="The stop's checklist in the API.")
    exhibition: ExhibitionRef
    venue: Venue
    opening: date
    closing: date
    status: Literal["current", "next", "past"] = Field(
        description="Seen from the venue's own calendar today."
    )


class StopDetail(StopSummary):
    lang: str
    work_count: int = Field(description="Works on the public checklist.")
    sections: list[StopSection] = Field(description="Sections present, in catalogue order.")


class ChecklistItem(Schema):
    label_number: int = Field(description="The number on the wall label at this stop.")
    position: int = Field(description="1-based place in the hanging order.")
    web_url: str
    short_url: str = Field(description="The permanent address printed on the wall label.")
    section: str | None
    caption: Text = Field(description="The caption at this venue (its override, else the work's).")
    credit_line: Text
    work: WorkSummary


class Photographer(Schema):
    name: Text
    biography: RichText
    website: str


class ExhibitionSummary(ExhibitionRef):
    slug: str
    web_url: str
    subtitle: Text
    thumbnail: Rendition | None


class ExhibitionDetail(ExhibitionSummary):
    lang: str
    introduction: RichText
    photographer: Photographer | None
    cover_image: Image | None
    sections: list[Section]
    stops: list[StopSummary]
    works_url: str = Field(description="This exhibition's works in the API.")
    work_count: int


class ListPage(Schema):
    count: int = Field(description="How many items there are in all.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page, or null on the last.")
    previous: str | None = Field(description="The previous page, or null on the first.")
    lang: str = Field(description="The language asked for (BCP 47).")


class WorkList(ListPage):
    results: list[WorkSummary]


class ExhibitionList(ListPage):
    results: list[ExhibitionSummary]


class StopList(ListPage):
    results: list[StopSummary]


class Checklist(ListPage):
    stop: str = Field(description="Slug of the tour stop.")
    results: list[ChecklistItem]


class ParameterError(Schema):
    parameter: str = Field(description="e.g. 'lang', 'limit', 'id'.")
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong and how to go on.")
    errors: list[ParameterError] = Field(default_factory=list)


class Index(Schema):
    openapi: str
    works: str
    exhibitions: str
    stops: str
    languages: list[str]

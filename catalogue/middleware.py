from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import activate, get_language, get_language_from_path

from catalogue.languages import visitor_language


class RememberLanguageMiddleware:
    """Remember the language of the public page a visitor reads, so "/" brings them back to it.

    Following a link of the language switcher is the visitor's choice; Django's LocaleMiddleware
    reads this cookie before Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        lang = get_language_from_path(request.path_info)
        if (
            lang
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != lang
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, but an address without a language prefix ("/", the QR short
    address) falls back to English rather than German for a browser language Leporello does
    not offer (`catalogue.languages.visitor_language`)."""

    def process_request(self, request):
        super().process_request(request)
        if not get_language_from_path(request.path_info):
            activate(visitor_language(request))
            request.LANGUAGE_CODE = get_language()

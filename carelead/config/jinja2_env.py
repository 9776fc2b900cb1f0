"""The one Jinja2 environment for every page (Django templates serve the admin only)."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader


def url(viewname: str, *args, **kwargs) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def format_date(value, fmt: str = "%-d %B %Y") -> str:
    """NHS.UK style dates: '1 April 2026'."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime(fmt)


def format_datetime(value) -> str:
    if not value:
        return ""
    value = timezone.localtime(value)
    return value.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


def format_number(value) -> str:
    if value is None:
        return ""
    return f"{value:,}"


def environment(**options) -> Environment:
    # Django passes its own loader for APP_DIRS; the design system's templates come after ours.
    app_loader = options.pop("loader", None)
    # The design system macros rely on ChainableUndefined for optional nested params.
    options.pop("undefined", None)
    loaders = [app_loader] if app_loader else []
    loaders.append(PackageLoader("nhsuk_frontend_jinja"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=ChainableUndefined,
        extensions=["jinja2.ext.do"],
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "static_url": settings.STATIC_URL,
            "service_name": "carelead",
            "demo_enabled": settings.DEMO_ENABLED,
        }
    )
    env.filters.update({"date": format_date, "datetime": format_datetime, "number": format_number})
    return env

"""Display values for workforce import runs."""

from django.urls import reverse

from carelead.people.imports.models import WorkforceImport
from carelead.people.imports.selectors import import_run_progress

_TAG_COLOURS = {
    WorkforceImport.Status.QUEUED: "grey",
    WorkforceImport.Status.VALIDATING: "blue",
    WorkforceImport.Status.IMPORTING: "blue",
    WorkforceImport.Status.DONE: "green",
    WorkforceImport.Status.FAILED: "red",
}

COUNT_LABELS = [
    ("people_created", "People added"),
    ("people_updated", "People updated"),
    ("employments_created", "Employments added"),
    ("employments_updated", "Employments updated"),
    ("employments_ended", "Employments ended"),
    ("employments_unchanged", "Employments unchanged"),
]


class WorkforceImportPresenter:
    def __init__(self, run: WorkforceImport):
        self.run = run

    @property
    def href(self) -> str:
        return reverse("people:import_detail", args=[self.run.pk])

    @property
    def filename(self) -> str:
        return self.run.original_filename

    @property
    def uploaded_by(self) -> str:
        return self.run.actor_label

    @property
    def uploaded_at(self):
        return self.run.created_at

    @property
    def status(self) -> str:
        return self.run.get_status_display()

    @property
    def status_colour(self) -> str:
        return _TAG_COLOURS[self.run.status]

    @property
    def is_running(self) -> bool:
        return self.run.is_running

    @property
    def is_done(self) -> bool:
        return self.run.status == WorkforceImport.Status.DONE

    @property
    def error_count(self) -> int:
        return self.run.error_count

    @property
    def progress(self) -> int:
        return import_run_progress(self.run)

    @property
    def full_extract(self) -> str:
        return "Yes" if self.run.end_missing else "No"

    @property
    def organisations(self) -> str:
        return ", ".join(o.name for o in self.run.organisations.all())

    @property
    def notes(self) -> list[str]:
        return list(self.run.notes or [])

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [(label, getattr(self.run, name)) for name, label in COUNT_LABELS]

    @property
    def summary(self) -> str:
        run = self.run
        if run.status == WorkforceImport.Status.DONE:
            return (
                f"{run.employments_created:,} added, {run.employments_updated:,} updated, "
                f"{run.employments_ended:,} ended"
            )
        if run.status == WorkforceImport.Status.FAILED:
            noun = "problem" if run.error_count == 1 else "problems"
            return f"{run.error_count:,} {noun}, nothing changed"
        return f"{self.progress}% complete"

    @property
    def errors(self) -> list[dict]:
        return [
            {
                "row": error.get("row") or "Whole file",
                "column": error.get("column") or "–",
                "message": error.get("message", ""),
            }
            for error in self.run.errors
        ]

    @property
    def errors_truncated(self) -> bool:
        return self.run.error_count > len(self.run.errors)

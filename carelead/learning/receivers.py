"""Signal receivers: learning listens to people (see apps.LearningConfig.ready)."""

from django.dispatch import receiver

from carelead.people.signals import employments_started


@receiver(employments_started, dispatch_uid="learning.enrol_new_starters_on_induction")
def enrol_new_starters_on_induction(sender, *, employment_ids, actor, **kwargs):
    # Sent inside the people write's transaction: if enrolment fails, so does that write.
    from carelead.learning.services.induction import induction_enrol_new_starters

    induction_enrol_new_starters(actor=actor, employment_ids=employment_ids)

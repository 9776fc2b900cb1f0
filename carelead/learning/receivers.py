"""Signal receivers: learning listens to people (see apps.LearningConfig.ready)."""

"""What leaves tvec: signed webhooks to the platform, EU DSA statements of reasons, and the
transparency report. Each module reads the store; none of them decides anything."""

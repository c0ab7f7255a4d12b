"""Small single-purpose helpers shared by the apps (no models here)."""

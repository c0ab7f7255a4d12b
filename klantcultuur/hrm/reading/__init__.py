"""HR documents read into text and matched against the customer promises. Plain data in,
plain data out; no Django inside."""

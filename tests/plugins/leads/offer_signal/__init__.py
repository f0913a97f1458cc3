"""A stand-in for the offers plugin: it only declares and announces "offers.offer-accepted"."""

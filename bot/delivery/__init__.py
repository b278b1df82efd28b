"""Sending alerts from the outbox: the dispatcher, its lanes, what a send's result means, the
channel gate, recording outcomes, the leader's lease, fast (paid) allowances, delivery health."""

package io.couriermq.broker.core.timer;

/**
 * How far the timer has got, kept in {@code <storeRoot>/timer/checkpoint.json}: every timer message below queue
 * offset {@code enqueuedTo} is in the schedule files, and every schedule entry up to ({@code releasedDueAt},
 * {@code releasedOffset}) in schedule order has been released. A restart resumes from both; whatever happened
 * after them is done again (at least once).
 */
record TimerCheckpoint(long enqueuedTo, long releasedDueAt, long releasedOffset) {

    static final TimerCheckpoint START = new TimerCheckpoint(0, 0, 0);
}

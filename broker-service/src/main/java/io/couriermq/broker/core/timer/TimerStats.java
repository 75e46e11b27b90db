package io.couriermq.broker.core.timer;

/**
 * What the timer holds and has done since the broker started.
 *
 * @param pending         delay messages not yet delivered (scheduled, in memory, or not yet read into the schedule)
 * @param inWindow        of those, the ones due soon and held in memory
 * @param notYetScheduled of those, the ones stored but not yet read into the schedule
 * @param inFlight        releases being appended right now
 * @param nextDueAt       epoch millis of the next entry in memory, or 0 if none
 * @param delivered       messages appended to their real topic
 * @param rolled          timer messages appended anew to outlive retention
 * @param dropped         schedule entries whose timer message was gone (retention) or unreadable
 */
public record TimerStats(long pending, long inWindow, long notYetScheduled, int inFlight, long nextDueAt,
                         long delivered, long rolled, long dropped) {

    static final TimerStats EMPTY = new TimerStats(0, 0, 0, 0, 0, 0, 0, 0);
}

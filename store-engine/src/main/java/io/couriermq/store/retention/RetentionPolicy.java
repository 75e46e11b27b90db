package io.couriermq.store.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * Decides which commit log segments may go; deciding only, so it is tested without files or clocks. The rules,
 * RocketMQ's: segments older than the reserved time go at one of the configured hours of the day; when the disk
 * is fuller than the clean ratio, the oldest go at any hour, whatever their age, until it would no longer be.
 * Never the active (last) segment, and never one the dispatcher has not passed yet, whose messages consume
 * queues do not reflect.
 */
public final class RetentionPolicy {

    private final Duration fileReservedTime;
    private final Set<Integer> deleteHours;
    private final double diskCleanRatio;

    public RetentionPolicy(Duration fileReservedTime, Set<Integer> deleteHours, double diskCleanRatio) {
        this.fileReservedTime = fileReservedTime;
        this.deleteHours = Set.copyOf(deleteHours);
        this.diskCleanRatio = diskCleanRatio;
    }

    /** A segment as the policy sees it. */
    public record SegmentInfo(long endOffset, long sizeBytes, Instant lastModified) {
    }

    /**
     * How many of the oldest segments to delete now.
     *
     * @param segments      all segments, oldest first
     * @param dispatchedTo  the dispatcher's position: segments ending after it stay
     */
    public int segmentsToDelete(List<SegmentInfo> segments, long dispatchedTo, ZonedDateTime now, DiskUsage disk) {
        int deletable = 0;
        while (deletable < segments.size() - 1 && segments.get(deletable).endOffset() <= dispatchedTo) {
            deletable++;
        }
        if (disk.usedRatio() >= diskCleanRatio) {
            return untilBelowCleanRatio(segments, deletable, disk);
        }
        if (!deleteHours.contains(now.getHour())) {
            return 0;
        }
        Instant expiredBefore = now.toInstant().minus(fileReservedTime);
        int expired = 0;
        while (expired < deletable && !segments.get(expired).lastModified().isAfter(expiredBefore)) {
            expired++;
        }
        return expired;
    }

    private int untilBelowCleanRatio(List<SegmentInfo> segments, int deletable, DiskUsage disk) {
        long freed = 0;
        int count = 0;
        while (count < deletable && disk.usedRatioAfterFreeing(freed) >= diskCleanRatio) {
            freed += segments.get(count).sizeBytes();
            count++;
        }
        return count;
    }
}

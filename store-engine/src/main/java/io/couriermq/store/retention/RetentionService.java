package io.couriermq.store.retention;

import io.couriermq.store.segment.Segment;
import io.couriermq.store.segment.SegmentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Applies the {@link RetentionPolicy} to the commit log on each check, and watches how full the disk is.
 * Deleting a segment removes it from the list at once, while its file goes when the last reader releases it.
 * Derived stores are then told the log's new start, so they drop what pointed into the deleted segments.
 *
 * <p>Threading: {@link #check()} runs on the store's housekeeping thread only.
 */
public final class RetentionService {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    private final Path storeDir;
    private final SegmentList logSegments;
    private final RetentionPolicy policy;
    private final double refuseWritesRatio;
    private final LongSupplier dispatchedTo;
    private final LongConsumer logStartMoved;
    private final Clock clock;
    private volatile double diskUsedRatio;
    private volatile boolean diskTooFull;

    public RetentionService(Path storeDir, SegmentList logSegments, RetentionPolicy policy, double refuseWritesRatio,
                            LongSupplier dispatchedTo, LongConsumer logStartMoved, Clock clock) {
        this.storeDir = storeDir;
        this.logSegments = logSegments;
        this.policy = policy;
        this.refuseWritesRatio = refuseWritesRatio;
        this.dispatchedTo = dispatchedTo;
        this.logStartMoved = logStartMoved;
        this.clock = clock;
    }

    /** Deletes what the policy allows and refreshes the disk usage figures; returns segments deleted. */
    public int check() throws IOException {
        DiskUsage disk = DiskUsage.of(storeDir);
        diskUsedRatio = disk.usedRatio();
        diskTooFull = disk.usedRatio() >= refuseWritesRatio;
        List<Segment> segments = logSegments.snapshot();
        List<RetentionPolicy.SegmentInfo> infos = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            infos.add(new RetentionPolicy.SegmentInfo(segment.endOffset(), segment.size(), lastModified(segment)));
        }
        int count = policy.segmentsToDelete(infos, dispatchedTo.getAsLong(), ZonedDateTime.now(clock), disk);
        for (int i = 0; i < count; i++) {
            LOG.info("retention deletes commit log segment {}", logSegments.first());
            logSegments.deleteFirst();
        }
        if (count > 0) {
            logStartMoved.accept(logSegments.minOffset(0));
        }
        return count;
    }

    private static Instant lastModified(Segment segment) {
        try {
            return Files.getLastModifiedTime(segment.file()).toInstant();
        } catch (IOException vanished) {
            return Instant.EPOCH;
        }
    }

    public double diskUsedRatio() {
        return diskUsedRatio;
    }

    /** True while the disk is fuller than the ratio at which appends are refused. */
    public boolean diskTooFull() {
        return diskTooFull;
    }
}

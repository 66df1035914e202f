package dev.hollerith.widgetdata.control;

import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The versions operators pinned, as the read path needs them: asked on every poll, so an answer must
 * cost a map lookup. Declared here and implemented by the history component (which owns pins), so
 * widget data does not depend on history.
 */
public interface PinnedVersions {

    /** The pinned version of a data key ({@link DataKey#text()}), if any. */
    OptionalLong version(String dataKey);

    /**
     * {@code watcher} is told the data key whenever a pin changes on this instance (set here, heard from
     * another instance, or found by a reload); called on the thread that applied the change, so it must be quick.
     */
    void watch(Consumer<String> watcher);
}

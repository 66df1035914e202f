package dev.hollerith.widgetdata.control;

import dev.hollerith.platform.control.ValidationFailed;
import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.Map;

/**
 * Data failed its integration's data_schema (API.md: 422 with the schema errors under {@code data}).
 * Unlike other failures it does not roll back: the quarantined version and the delivery log row are
 * what an operator needs to see, and later release.
 */
@ApplicationException(rollback = false)
public class DataQuarantined extends ValidationFailed {

    public static final String MESSAGE = "Data does not match the integration's data_schema";

    public DataQuarantined(List<String> problems) {
        super(MESSAGE, Map.of("data", problems));
    }
}

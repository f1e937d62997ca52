package io.pinconv.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Describes segments and streams their rows. */
@Component
public class SegmentReader {

    private final JdbcTemplate segmentJdbc;

    public SegmentReader(@Qualifier("segmentJdbc") JdbcTemplate segmentJdbc) {
        this.segmentJdbc = segmentJdbc;
    }

    /** The columns of a table or view; throws when it cannot be read. */
    public List<SegmentColumn> describe(String table) {
        if (!SegmentNames.isValidTable(table)) {
            throw new IllegalArgumentException("'" + table + "' is not a table or view name (letters, digits and _, optionally schema.table)");
        }
        return segmentJdbc.query("SELECT * FROM " + table.strip() + " WHERE 1 = 0", rs -> {
            var md = rs.getMetaData();
            List<SegmentColumn> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(new SegmentColumn(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            return columns;
        });
    }

    /**
     * Opens a segment for reading, in chunks of at most {@code chunkSize} rows keyed by field name.
     * The caller closes what it gets.
     */
    public SegmentChunks open(SegmentRead read, int chunkSize) {
        SegmentQuery.Sql sql = SegmentQuery.build(read);
        return new SegmentChunks(segmentJdbc.queryForStream(sql.sql(), new RowReader(), sql.params().toArray()), chunkSize);
    }
}

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * DuckDB for the throughput benchmark, where no duckdb command is installed: its JDBC driver (the jar on the
 * class path) runs statements on a database file.
 *
 *   java -cp duckdb_jdbc.jar bench/DuckDb.java FILE STATEMENT...      runs each; a query's rows are printed,
 *                                                                    tab-separated
 *   java -cp duckdb_jdbc.jar bench/DuckDb.java FILE --time STATEMENT  prints the seconds the statement took
 *   java -cp duckdb_jdbc.jar bench/DuckDb.java FILE --read QUERY      streams the query's rows, reads every
 *                                                                    column as text, prints "rows seconds chars"
 * (--time and --read open the file read only).
 *
 * The connection is closed before the program ends: DuckDB lets one process at a time write a file.
 */
public class DuckDb {

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        if (args[1].equals("--time") || args[1].equals("--read")) {
            // read only: the running service may hold the file, and only readers share one
            p.setProperty("duckdb.read_only", "true");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], p);
                Statement s = c.createStatement()) {
            if (args[1].equals("--time")) {
                long t = System.nanoTime();
                s.execute(args[2]);
                System.out.printf("%.3f%n", (System.nanoTime() - t) / 1e9);
            } else if (args[1].equals("--read")) {
                long t = System.nanoTime();
                long rows = 0;
                long chars = 0;
                try (ResultSet r = s.executeQuery(args[2])) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= n; i++) {
                            String v = r.getString(i);
                            chars += v == null ? 0 : v.length();
                        }
                        rows++;
                    }
                }
                System.out.printf("%d %.3f %d%n", rows, (System.nanoTime() - t) / 1e9, chars);
            } else {
                for (int a = 1; a < args.length; a++) {
                    if (s.execute(args[a])) {
                        try (ResultSet r = s.getResultSet()) {
                            int n = r.getMetaData().getColumnCount();
                            while (r.next()) {
                                StringBuilder line = new StringBuilder();
                                for (int i = 1; i <= n; i++) {
                                    line.append(i > 1 ? "\t" : "").append(r.getString(i));
                                }
                                System.out.println(line);
                            }
                        }
                    }
                }
            }
        }
    }
}

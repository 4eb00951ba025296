package dev.pop3x.stores;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import com.datastax.oss.driver.internal.core.session.SessionWrapper;

/**
 * The session James's schema code creates its tables through, for Cassandra 5.0: driver 4.15 writes the compression
 * options of the tables {@code mailbox} and {@code imapUidTable} ({@code withLZ4Compression(8, 1)}) as
 * {@code 'chunk_length_kb'} and {@code 'crc_check_chance'} inside the compression map, which Cassandra 5.0 refuses; it
 * wants {@code 'chunk_length_in_kb'} there and {@code crc_check_chance} as a table option. The same table, the same
 * options, spelled as Cassandra 5.0 reads them. (James 3.8.1 runs Cassandra 3.11 in production, which takes both.)
 */
final class Cassandra5Schema extends SessionWrapper implements CqlSession {
    private static final Pattern CRC_IN_COMPRESSION = Pattern.compile(",\\s*'crc_check_chance'\\s*:\\s*([0-9.]+)");

    Cassandra5Schema(CqlSession delegate) {
        super(delegate);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <RequestT extends Request, ResultT> ResultT execute(RequestT request, GenericType<ResultT> resultType) {
        if (request instanceof SimpleStatement) {
            SimpleStatement statement = (SimpleStatement) request;
            String query = statement.getQuery();
            String spelled = respell(query);
            if (!spelled.equals(query)) {
                return super.execute((RequestT) statement.setQuery(spelled), resultType);
            }
        }
        return super.execute(request, resultType);
    }

    static String respell(String query) {
        if (!query.startsWith("CREATE TABLE") || !query.contains("'chunk_length_kb'")) {
            return query;
        }
        String spelled = query.replace("'chunk_length_kb'", "'chunk_length_in_kb'");
        Matcher crc = CRC_IN_COMPRESSION.matcher(spelled);
        if (crc.find()) {
            spelled = crc.replaceFirst("") + " AND crc_check_chance=" + crc.group(1);
        }
        return spelled;
    }
}

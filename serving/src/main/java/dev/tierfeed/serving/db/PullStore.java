package dev.tierfeed.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import dev.tierfeed.core.FollowHistory;
import dev.tierfeed.core.PullPeriods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The hybrid fan-out's state: each author's follower count, and when authors were pulled. */
public final class PullStore {
    private static final TupleType PERIOD = DataTypes.tupleOf(DataTypes.TIMESTAMP, DataTypes.TIMESTAMP);
    private static final GenericType<List<TupleValue>> PERIODS = GenericType.listOf(TupleValue.class);

    private final CqlSession session;
    private final PreparedStatement adjust;
    private final PreparedStatement count;
    private final PreparedStatement periodsOf;
    private final PreparedStatement all;
    private final PreparedStatement save;

    public PullStore(CqlSession session) {
        this.session = session;
        this.adjust = Cql.prepare(session, "UPDATE follower_counts SET followers = followers + ? WHERE followee_id = ?");
        this.count = Cql.prepare(session, "SELECT followers FROM follower_counts WHERE followee_id = ?");
        this.periodsOf = Cql.prepare(session, "SELECT author_id, since, ended FROM pulled_authors WHERE author_id = ?");
        this.all = Cql.prepare(session, "SELECT author_id, since, ended FROM pulled_authors");
        this.save = Cql.prepare(session, "INSERT INTO pulled_authors (author_id, since, ended) VALUES (?, ?, ?)");
    }

    /** Changes the author's follower count by {@code delta}; returns the count after it. */
    public long adjustFollowers(long author, long delta) {
        session.execute(adjust.bind(delta, author));
        Row row = session.execute(count.bind(author)).one();
        return row == null ? 0 : row.getLong(0);
    }

    public PullPeriods periods(long author) {
        Row row = session.execute(periodsOf.bind(author)).one();
        return row == null ? PullPeriods.NEVER : toPeriods(row);
    }

    /** Every author that was ever pulled (a small table: only the most followed). */
    public Map<Long, PullPeriods> all() {
        Map<Long, PullPeriods> periods = new HashMap<>();
        for (Row row : session.execute(all.bind())) {
            periods.put(row.getLong(0), toPeriods(row));
        }
        return periods;
    }

    public void save(long author, PullPeriods periods) {
        List<TupleValue> ended = periods.ended().stream().map(p -> PERIOD.newValue(p.from(), p.until())).toList();
        session.execute(save.bind(author, periods.since(), ended));
    }

    /** Periods from a row of (author_id, since, ended). */
    private static PullPeriods toPeriods(Row row) {
        List<FollowHistory.Period> ended = new ArrayList<>();
        for (TupleValue period : row.get(2, PERIODS)) {
            ended.add(new FollowHistory.Period(period.getInstant(0), period.getInstant(1)));
        }
        return new PullPeriods(row.getInstant(1), ended);
    }
}

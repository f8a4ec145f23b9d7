// PgCopyInserter (server/storage/pgcopy.h): the lines COPY reads, and rows written through it into
// a real PostgreSQL inside a transaction, read back value for value. Run by run-with-postgres.sh
// only (ctest: tst_pgcopy_postgres).

#include "pgcopy.h"
#include "serverharness.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Relais;
using namespace Relais::Server;
using namespace Relais::Test;

class TestPgCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void appendLine_data();
    void appendLine();
    void textComesBackAsWritten_data();
    void textComesBackAsWritten();
    void conflictsIgnoredOnlyWhenAsked();
    void failedCopyWritesNothing();
    void afterQtReadsRows();

private:
    bool begin() { return QSqlQuery(m_db).exec(QStringLiteral("BEGIN")); }
    bool commit() { return QSqlQuery(m_db).exec(QStringLiteral("COMMIT")); }
    bool rollback() { return QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); }
    qint64 count(const QString &table)
    {
        QSqlQuery q(m_db);
        return q.exec(QStringLiteral("SELECT count(*) FROM ") + table) && q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }
    QSqlDatabase m_db;
    PgCopyInserter m_copy;
    const QStringList m_columns{QStringLiteral("id"), QStringLiteral("n"), QStringLiteral("s")};
};

void TestPgCopy::initTestCase()
{
    QVERIFY2(usingPostgres(), "run through run-with-postgres.sh (ctest -R tst_pgcopy_postgres)");
    const QUrl url(freshDatabaseUrl(QStringLiteral("relais_pgcopy")));
    QVERIFY(url.isValid() && !url.isEmpty());
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pgcopy"));
    m_db.setHostName(url.host());
    m_db.setPort(url.port(5432));
    m_db.setUserName(url.userName());
    m_db.setDatabaseName(url.path().mid(1));
    QVERIFY2(m_db.open(), qPrintable(m_db.lastError().text()));
    QVERIFY(QSqlQuery(m_db).exec(QStringLiteral(
        "CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, s TEXT, d DOUBLE PRECISION, b BYTEA)")));
    QVERIFY2(m_copy.attach(m_db), m_db.driver()->handle().typeName());
    QVERIFY(m_copy.ready());
    // Not a PostgreSQL connection: nothing to attach to.
    QSqlDatabase lite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                  QStringLiteral("lite"));
    lite.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY(lite.open());
    PgCopyInserter other;
    QVERIFY(!other.attach(lite));
    QVERIFY(!other.ready());
}

void TestPgCopy::cleanupTestCase()
{
    m_copy.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("pgcopy"));
    QSqlDatabase::removeDatabase(QStringLiteral("lite"));
}

void TestPgCopy::appendLine_data()
{
    QTest::addColumn<QVariantList>("row");
    QTest::addColumn<bool>("bytesAreText");
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("plain") << QVariantList{QStringLiteral("a"), 42, qint64(1) << 40} << false
                           << QByteArray("a\t42\t1099511627776\n");
    QTest::newRow("null and empty") << QVariantList{QVariant(), QString(), QStringLiteral("")}
                                    << false << QByteArray("\\N\t\\N\t\n");
    QTest::newRow("escapes") << QVariantList{QStringLiteral("a\tb\nc\rd\\e")} << false
                             << QByteArray("a\\tb\\nc\\rd\\\\e\n");
    QTest::newRow("end marker stays data")
        << QVariantList{QStringLiteral("\\.")} << false << QByteArray("\\\\.\n");
    QTest::newRow("accents as UTF-8") << QVariantList{QStringLiteral("Hélène Lefèvre")} << false
                                      << QStringLiteral("Hélène Lefèvre\n").toUtf8();
    QTest::newRow("bytes as text") << QVariantList{QByteArray("{\"a\":\"x\\\"y\"}\t")} << true
                                   << QByteArray("{\"a\":\"x\\\\\"y\"}\\t\n");
    QTest::newRow("bytes as bytea")
        << QVariantList{QByteArray("\x01\xff", 2)} << false << QByteArray("\\\\x01ff\n");
    QTest::newRow("double, bool") << QVariantList{0.1, true, false} << false
                                  << QByteArray("0.10000000000000001\ttrue\tfalse\n");
}

void TestPgCopy::appendLine()
{
    QFETCH(QVariantList, row);
    QFETCH(bool, bytesAreText);
    QFETCH(QByteArray, line);
    QByteArray out("x"); // appended to what is there
    PgCopyInserter::appendLine(out, row, bytesAreText);
    QCOMPARE(out, QByteArray("x") + line);
}

void TestPgCopy::textComesBackAsWritten_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("bytesAreText");
    QTest::newRow("accents") << QVariant(QStringLiteral("Hélène Lefèvre, Œuvre, ß, 東京")) << false;
    QTest::newRow("control characters")
        << QVariant(QStringLiteral("tab\there\nnew line\r\nback\\slash \\N \\.")) << false;
    QTest::newRow("JSON as UTF-8 bytes") << QVariant(
        QStringLiteral("{\"line4\":\"3 rue \\\"Pasteur\\\"\",\"x\":\"\\u00e9\"}").toUtf8())
                                         << true;
    QTest::newRow("empty") << QVariant(QStringLiteral("")) << false;
    QTest::newRow("null") << QVariant(QString()) << false;
}

void TestPgCopy::textComesBackAsWritten()
{
    QFETCH(QVariant, value);
    QFETCH(bool, bytesAreText);
    const QString id = QString::fromLatin1(QTest::currentDataTag());
    QVERIFY(begin());
    // Enough rows that COPY's data go out in several pieces.
    QList<QVariantList> rows;
    for (int i = 0; i < 20000; ++i)
        rows << QVariantList{QVariant(id + u'/' + QString::number(i)), i, value};
    const Status s = m_copy.insert(QStringLiteral("t"), m_columns, rows, false, bytesAreText);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QVERIFY(commit());
    QSqlQuery q(m_db);
    QVERIFY(q.prepare(QStringLiteral("SELECT n, s, s IS NULL FROM t WHERE id LIKE ? ORDER BY n")));
    q.addBindValue(QString(id + QStringLiteral("/%")));
    QVERIFY(q.exec());
    const QString expected = bytesAreText ? QString::fromUtf8(value.toByteArray())
                                          : value.toString();
    int n = 0;
    while (q.next()) {
        QCOMPARE(q.value(0).toInt(), n++);
        QCOMPARE(q.value(2).toBool(), expected.isNull());
        QCOMPARE(q.value(1).toString(), expected);
    }
    QCOMPARE(n, rows.size());
}

void TestPgCopy::conflictsIgnoredOnlyWhenAsked()
{
    const QList<QVariantList> first{{QStringLiteral("k1"), 1, QStringLiteral("first")},
                                    {QStringLiteral("k2"), 2, QStringLiteral("first")}};
    const QList<QVariantList> again{{QStringLiteral("k2"), 20, QStringLiteral("again")},
                                    {QStringLiteral("k3"), 30, QStringLiteral("again")}};
    QVERIFY(begin());
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, first));
    // Twice in one transaction: the staging table is emptied between.
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, again, true));
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, again, true));
    QVERIFY(commit());
    QSqlQuery q(m_db);
    QVERIFY(q.exec(QStringLiteral("SELECT id, s FROM t WHERE id LIKE 'k%' ORDER BY id")));
    QStringList seen;
    while (q.next())
        seen << q.value(0).toString() + u'=' + q.value(1).toString();
    QCOMPARE(seen, (QStringList{QStringLiteral("k1=first"), QStringLiteral("k2=first"),
                                QStringLiteral("k3=again")}));
    QCOMPARE(count(QStringLiteral("relais_copy_t")), 0); // emptied at the commit
    // A transaction that made the staging table and rolled back took it along: made again.
    QVERIFY(QSqlQuery(m_db).exec(QStringLiteral("DROP TABLE relais_copy_t")));
    QVERIFY(begin());
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, {{QStringLiteral("k4"), 4, QString()}},
                          true));
    QVERIFY(rollback());
    QVERIFY(begin());
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, {{QStringLiteral("k4"), 4, QString()}},
                          true));
    QVERIFY(commit());
    QCOMPARE(count(QStringLiteral("t WHERE id = 'k4'")), 1);
    // Without ignoreConflicts a row that exists fails the COPY, with the table named.
    QVERIFY(begin());
    const Status s = m_copy.insert(QStringLiteral("t"), m_columns, again);
    QVERIFY(!s);
    QVERIFY2(s.error().message.contains(QStringLiteral("COPY t:")), qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(QStringLiteral("duplicate key")),
             qPrintable(s.error().message));
    QCOMPARE(s.error().code, QStringLiteral("storage"));
    QVERIFY(rollback());
    QCOMPARE(count(QStringLiteral("t WHERE id = 'k3'")), 1);
}

void TestPgCopy::failedCopyWritesNothing()
{
    const qint64 before = count(QStringLiteral("t"));
    QVERIFY(begin());
    QList<QVariantList> rows;
    for (int i = 0; i < 5000; ++i)
        rows << QVariantList{QStringLiteral("f%1").arg(i), i, QStringLiteral("x")};
    rows << QVariantList{QStringLiteral("short"), 1}; // one value missing
    const Status s = m_copy.insert(QStringLiteral("t"), m_columns, rows);
    QVERIFY(!s);
    QVERIFY2(s.error().message.contains(QStringLiteral("2 values for 3 columns")),
             qPrintable(s.error().message));
    QVERIFY(rollback());
    QCOMPARE(count(QStringLiteral("t")), before);
    // A value of the wrong type, far into the data: refused by PostgreSQL, nothing written.
    QVERIFY(begin());
    rows.removeLast();
    rows << QVariantList{QStringLiteral("wrong"), QStringLiteral("not a number"), QString()};
    const Status wrong = m_copy.insert(QStringLiteral("t"), m_columns, rows);
    QVERIFY(!wrong);
    QVERIFY2(wrong.error().message.contains(QStringLiteral("bigint")),
             qPrintable(wrong.error().message));
    QVERIFY(rollback());
    QCOMPARE(count(QStringLiteral("t")), before);
    // The connection is usable again for QtSql and for COPY.
    QVERIFY(m_copy.ready());
    QVERIFY(begin());
    rows.removeLast();
    QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns, rows));
    QVERIFY(commit());
    QCOMPARE(count(QStringLiteral("t")), before + 5000);
}

void TestPgCopy::afterQtReadsRows()
{
    // QtSql reads a forward-only result a row at a time, and leaves the end of its statement
    // unread until its next one: the connection looks busy to libpq. A COPY then reads that end
    // first, as QtSql's next statement would.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QVERIFY(q.exec(QStringLiteral("SELECT generate_series(1, 1000)")));
    int rows = 0;
    while (q.next())
        ++rows;
    QCOMPARE(rows, 1000);
    QVERIFY(m_copy.ready());
    QVERIFY(begin());
    const Status s = m_copy.insert(QStringLiteral("t"), m_columns,
                                   {{QStringLiteral("after"), 1, QString()}});
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QVERIFY(commit());
    QCOMPARE(count(QStringLiteral("t WHERE id = 'after'")), 1);
    // A read still in progress ends at the next statement, COPY or QtSql's own, and the
    // connection goes on: this is why the store never writes in the middle of a read.
    for (const bool copy : {true, false}) {
        QVERIFY(q.exec(QStringLiteral("SELECT generate_series(1, 100000)")));
        QVERIFY(q.next());
        if (copy)
            QVERIFY(m_copy.insert(QStringLiteral("t"), m_columns,
                                  {{QStringLiteral("mid-read"), 2, QString()}}));
        else
            QVERIFY(QSqlQuery(m_db).exec(QStringLiteral("SELECT 1")));
        int more = 0;
        while (q.next())
            ++more;
        QVERIFY2(more < 99999, qPrintable(QString::number(more)));
    }
    QCOMPARE(count(QStringLiteral("t WHERE id = 'mid-read'")), 1);
}

QTEST_GUILESS_MAIN(TestPgCopy)
#include "tst_pgcopy.moc"

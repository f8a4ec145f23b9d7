#include "powercut.h"

#include "deskfixture.h"
#include "faultvfs.h"
#include "importguard.h"
#include "schema.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais::Test {

namespace {
void removeDesk(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
    QFile::remove(ImportGuard::lockPath(path));
}

Store openOrDie(const QString &path)
{
    auto opened = Store::open(path);
    if (!opened)
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(opened.error().fullText()));
    return std::move(opened).value();
}
} // namespace

PowerCut::PowerCut(const QString &folder)
{
    QDir(folder).mkpath(QStringLiteral("run"));
    m_template = folder + QStringLiteral("/template.sqlite");
    m_work = folder + QStringLiteral("/run/desk.sqlite");
    FaultVfs::install();
    FaultVfs::watch(folder + QStringLiteral("/run"));
}

void PowerCut::prepare(const std::function<void(Store &)> &setup)
{
    removeDesk(m_template);
    Store store = openOrDie(m_template);
    setup(store);
}

void PowerCut::freshCopy()
{
    removeDesk(m_work);
    if (!QFile::copy(m_template, m_work))
        qFatal("cannot copy the template desk");
}

QVariant PowerCut::scalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0);
}

bool PowerCut::integrityOk(QSqlDatabase &db, QString *detail)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        if (detail)
            *detail = q.lastError().text();
        return false;
    }
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    if (detail)
        *detail = lines.join(u'\n');
    return lines == QStringList{QStringLiteral("ok")};
}

CutReport PowerCut::run(const Workload &workload, const QString &synchronous, int maxPoints,
                        const std::function<void(Store &)> &afterReopen)
{
    auto runOnce = [&](Ledger &ledger) {
        auto opened = Store::open(m_work);
        if (!opened)
            return; // the power went out while the desk opened
        Store store = std::move(opened).value();
        QSqlQuery(store.db()).exec(QStringLiteral("PRAGMA synchronous = ") + synchronous);
        workload(store, ledger);
    };

    // A run without a cut tells how many points there are.
    freshCopy();
    FaultVfs::reset();
    {
        Ledger ledger;
        runOnce(ledger);
        if (ledger.isEmpty())
            qFatal("the workload saved nothing without a power cut");
    }
    const long long total = FaultVfs::mutatingCalls();

    CutReport report;
    const long long points = qMin<long long>(total, maxPoints);
    for (long long i = 0; i < points; ++i) {
        const long long at = 1 + i * total / points;
        freshCopy();
        FaultVfs::reset();
        FaultVfs::cutPowerAt(at);
        Ledger ledger;
        runOnce(ledger); // every connection is closed when this returns
        ++report.points;
        if (FaultVfs::powerIsOut())
            ++report.cutsLanded;
        report.bytesThrownAway += FaultVfs::restorePower();

        auto reopened = Store::open(m_work);
        if (!reopened) {
            ++report.damaged;
            report.examples << QStringLiteral("cut %1: the desk does not open: %2")
                                   .arg(at)
                                   .arg(reopened.error().fullText());
            continue;
        }
        Store store = std::move(reopened).value();
        QString detail;
        if (!integrityOk(store.db(), &detail)) {
            ++report.damaged;
            report.examples << QStringLiteral("cut %1: integrity_check: %2").arg(at).arg(detail);
        }
        if (afterReopen)
            afterReopen(store);
        for (const Expectation &e : std::as_const(ledger)) {
            ++report.commits;
            if (!e.holds(store.db())) {
                ++report.lost;
                if (report.examples.size() < 5)
                    report.examples
                        << QStringLiteral("cut %1 of %2: lost %3").arg(at).arg(total).arg(e.what);
            }
        }
    }
    return report;
}

void addCatalogue(Store &store)
{
    Publication p;
    p.code = QStringLiteral("LQC");
    p.name = QStringLiteral("Le Quotidien du Centre");
    p.weekdays = *Weekdays::parse(QStringLiteral("1-6"));
    p.cutoff = QTime(14, 0);
    auto pub = store.addPublication(p);
    if (!pub)
        qFatal("publication: %s", qPrintable(pub.error().fullText()));
    Offer o;
    o.code = QStringLiteral("LQC-12M");
    o.publicationId = pub->meta.id;
    o.months = 12;
    o.priceCents = 39900;
    if (!store.addOffer(o))
        qFatal("offer");
}

QList<QJsonObject> rowsFromAnotherDesk(const QString &sourcePath, int n)
{
    Store source = openOrDie(sourcePath);
    const Protocol::Table *table = Protocol::tableByName(QStringLiteral("subscriber"));
    QList<QJsonObject> rows;
    for (int i = 0; i < n; ++i) {
        auto s = source.addSubscriber(DeskFixture::person(
            QStringLiteral("Tire") + QChar(u'a' + i % 26) + QChar(u'a' + i / 26)));
        if (!s)
            qFatal("source subscriber: %s", qPrintable(s.error().fullText()));
        QSqlQuery q(source.db());
        q.prepare(QStringLiteral("SELECT * FROM subscriber WHERE id = ?"));
        q.addBindValue(s->meta.id);
        if (!q.exec() || !q.next())
            qFatal("source row");
        QJsonObject row;
        for (const Protocol::Column &c : table->columns) {
            const QVariant v = q.value(c.name);
            if (v.isNull())
                row.insert(c.name, QJsonValue::Null);
            else if (c.type == Protocol::ColumnType::Integer)
                row.insert(c.name, v.toLongLong());
            else
                row.insert(c.name, v.toString());
        }
        row.insert(QStringLiteral("id"), s->meta.id);
        row.insert(QStringLiteral("number"), 5000 + i);
        row.insert(QStringLiteral("updated_at"), q.value(QStringLiteral("updated_at")).toString());
        row.insert(QStringLiteral("updated_by"), QStringLiteral("autre-poste"));
        rows << row;
    }
    return rows;
}

} // namespace Relais::Test

#include "demodata.h"

#include "postalcodes.h"
#include "validation.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais {

namespace {

QStringList readList(const QString &resource)
{
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

// An INSERT prepared once for the columns of a row codec; values bound in the codec's key order.
class RowInserter
{
public:
    RowInserter(QSqlDatabase &db, const QString &table, const QVariantMap &sample) : m_query(db)
    {
        QStringList cols = sample.keys();
        cols << QStringLiteral("id") << QStringLiteral("updated_at")
             << QStringLiteral("updated_by");
        QStringList marks;
        marks.fill(QStringLiteral("?"), cols.size());
        m_ok = m_query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                   .arg(table, cols.join(u','), marks.join(u',')));
    }
    Status insert(const QString &id, const QVariantMap &row, const QString &at)
    {
        if (!m_ok)
            return storageError(QStringLiteral("prepare"), m_query.lastError().text());
        int i = 0;
        for (auto it = row.cbegin(); it != row.cend(); ++it)
            m_query.bindValue(i++, it.value());
        m_query.bindValue(i++, id);
        m_query.bindValue(i++, at);
        m_query.bindValue(i++, QStringLiteral("demo"));
        if (!m_query.exec())
            return storageError(QStringLiteral("demo insert"), m_query.lastError().text());
        return Ok{};
    }

private:
    QSqlQuery m_query;
    bool m_ok = false;
};

struct Catalogue
{
    QList<Publication> publications;
    QList<Offer> offers;
};

Result<Catalogue> ensureCatalogue(Store &store, DemoSummary &summary)
{
    struct P
    {
        const char *code;
        const char *name;
        Periodicity per;
        const char *days;
        int cutoffHour;
    };
    const P pubs[] = {
        {"LQC", "Le Quotidien du Centre", Periodicity::Daily, "1-6", 14},
        {"DIM", "Le Journal du Dimanche de l'Ouest", Periodicity::Weekly, "7", 12},
        {"HEB", "L'Hebdo des Territoires", Periodicity::Weekly, "3", 16},
    };
    struct O
    {
        const char *code;
        const char *pub;
        const char *label;
        int months;
        qint64 cents;
        Channel ch;
    };
    const O offers[] = {
        {"LQC-12M", "LQC", "Quotidien 12 mois", 12, 39900, Channel::Print},
        {"LQC-6M", "LQC", "Quotidien 6 mois", 6, 21900, Channel::Print},
        {"LQC-DUO", "LQC", "Quotidien papier + numérique 12 mois", 12, 44900, Channel::Both},
        {"DIM-12M", "DIM", "Dimanche 12 mois", 12, 9900, Channel::Print},
        {"HEB-12M", "HEB", "Hebdo 12 mois", 12, 7800, Channel::Print},
        {"HEB-3M", "HEB", "Hebdo découverte 3 mois", 3, 1500, Channel::Print},
    };
    // The catalogue is a fixture like the rest of the demo: written directly (no audit, no outbox,
    // updated_by "demo"), so that a fresh demo desk has nothing queued for a server it never has.
    // The desk is marked as a demo desk in the same transaction: its sync engine refuses to run.
    QSqlDatabase &db = store.db();
    const QString at = nowUtcIso();
    Transaction tx(db);
    if (!tx.isOpen())
        return tx.beginError();
    RowInserter publicationInsert(db, QStringLiteral("publication"),
                                  Rows::publication(Publication{}));
    RowInserter offerInsert(db, QStringLiteral("offer"), Rows::offer(Offer{}));
    Catalogue c;
    for (const P &p : pubs) {
        const QString code = QString::fromLatin1(p.code);
        auto existing = store.publicationByCode(code);
        if (!existing) {
            Publication pub;
            pub.meta.id = newUuid();
            pub.publisherId = store.desk().publisherId;
            pub.code = code;
            pub.name = QString::fromUtf8(p.name);
            pub.periodicity = p.per;
            pub.weekdays = *Weekdays::parse(QString::fromLatin1(p.days));
            pub.cutoff = QTime(p.cutoffHour, 0);
            if (Status st = publicationInsert.insert(pub.meta.id, Rows::publication(pub), at); !st)
                return st.error();
            existing = store.publicationByCode(code);
            if (!existing)
                return Error::make(ErrorKind::Internal, QStringLiteral("demo.catalogue"),
                                   QStringLiteral("demo title %1 not read back").arg(code));
            ++summary.publications;
        }
        c.publications << *existing;
    }
    for (const O &o : offers) {
        const QString code = QString::fromLatin1(o.code);
        auto existing = store.offerByCode(code);
        if (!existing) {
            Offer offer;
            offer.meta.id = newUuid();
            offer.code = code;
            offer.publicationId = store.publicationByCode(QString::fromLatin1(o.pub))->meta.id;
            offer.label = QString::fromUtf8(o.label);
            offer.months = o.months;
            offer.priceCents = o.cents;
            offer.channel = o.ch;
            if (Status st = offerInsert.insert(offer.meta.id, Rows::offer(offer), at); !st)
                return st.error();
            existing = store.offerByCode(code);
            if (!existing)
                return Error::make(ErrorKind::Internal, QStringLiteral("demo.catalogue"),
                                   QStringLiteral("demo offer %1 not read back").arg(code));
            ++summary.offers;
        }
        c.offers << *existing;
    }
    if (Status st = store.setMetaValue(QStringLiteral("demo"), QStringLiteral("1")); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return c;
}

QString capitalised(const QString &s)
{
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1);
}

QString asciiLower(const QString &s)
{
    return Validation::foldForPostal(s).toLower().remove(u' ');
}

} // namespace

Status demoAllowed(Store &store)
{
    auto refuse = [](const QString &code, const QString &message) {
        return Error::make(ErrorKind::Conflict, code, message);
    };
    for (const char *key : {"server_url", "server_epoch", "sync_registered"}) {
        if (!store.metaValue(QString::fromLatin1(key)).trimmed().isEmpty())
            return refuse(QStringLiteral("demo.registered"),
                          QCoreApplication::translate(
                              "Relais", "This desk is registered with a server: demo data "
                                        "would be sent there as if clerks had typed it. Use a "
                                        "new desk file for the demo."));
    }
    QSqlQuery q(store.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE clerk <> 'demo' OR "
                               "operation NOT IN ('publication.create', 'offer.create')"))
        || !q.next())
        return storageError(QStringLiteral("outbox"), q.lastError());
    if (const qint64 ops = q.value(0).toLongLong(); ops > 0)
        return refuse(
            QStringLiteral("demo.outbox"),
            QCoreApplication::translate("Relais",
                                        "This desk has %n change(s) made by clerks (queued for "
                                        "the server or already sent): it holds real work. Use a "
                                        "new desk file for the demo.",
                                        nullptr, int(ops)));
    q.finish();
    // Rows a previous demo run wrote say so in updated_by; anything else is the desk's own.
    if (!q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM subscriber WHERE updated_by <> 'demo') + "
                           "(SELECT count(*) FROM subscription WHERE updated_by <> 'demo')"))
        || !q.next())
        return storageError(QStringLiteral("subscriber"), q.lastError());
    if (const qint64 own = q.value(0).toLongLong(); own > 0)
        return refuse(
            QStringLiteral("demo.own_data"),
            QCoreApplication::translate("Relais",
                                        "This desk has %n subscriber(s) or subscription(s) of "
                                        "its own, not made by a demo: demo data would mix with "
                                        "them. Use a new desk file for the demo.",
                                        nullptr, int(own)));
    return Ok{};
}

Result<DemoSummary> generateDemo(Store &store, const DemoOptions &options)
{
    DemoSummary summary;
    auto catalogue = ensureCatalogue(store, summary);
    if (!catalogue)
        return catalogue.error();
    if (options.subscribers <= 0)
        return summary;

    const QStringList femaleNames = readList(QStringLiteral(":/demo/first-names-f.txt"));
    const QStringList maleNames = readList(QStringLiteral(":/demo/first-names-m.txt"));
    const QStringList lastNames = readList(QStringLiteral(":/demo/last-names.txt"));
    QStringList streets = readList(QStringLiteral(":/demo/street-names.txt"));
    if (femaleNames.isEmpty() || lastNames.isEmpty() || streets.isEmpty())
        return Error::make(ErrorKind::Internal, QStringLiteral("demo.resources"),
                           QStringLiteral("demo name lists missing from the resources"));
    const PostalCodeDirectory &postal = PostalCodeDirectory::instance();
    QList<Commune> communes;
    for (const QString &code : postal.codesStartingWith(QString(), 1000000))
        communes << postal.communesFor(code);
    if (communes.isEmpty())
        return Error::make(ErrorKind::Internal, QStringLiteral("demo.postal"),
                           QStringLiteral("postal code reference data missing"));

    QRandomGenerator rng(options.seed);
    auto pick = [&rng](const QStringList &l) -> const QString & {
        return l.at(rng.bounded(int(l.size())));
    };
    auto chance = [&rng](int percent) { return int(rng.bounded(100)) < percent; };
    const QDate today = options.today;
    const QString at = nowUtcIso();
    const QString publisherId = store.desk().publisherId;

    auto next = store.allocateNumber();
    if (!next)
        return next.error();
    qint64 number = qMax<qint64>(*next, 100001);

    QSqlDatabase &db = store.db();
    RowInserter subscriberInsert(db, QStringLiteral("subscriber"), Rows::subscriber(Subscriber{}));
    RowInserter subscriptionInsert(db, QStringLiteral("subscription"),
                                   Rows::subscription(Subscription{}));
    RowInserter changeInsert(db, QStringLiteral("delivery_change"),
                             Rows::deliveryChange(DeliveryChange{}));
    RowInserter complaintInsert(db, QStringLiteral("complaint"), Rows::complaint(Complaint{}));
    const QStringList domains = {QStringLiteral("orange.fr"), QStringLiteral("free.fr"),
                                 QStringLiteral("gmail.com"), QStringLiteral("laposte.net"),
                                 QStringLiteral("sfr.fr"),    QStringLiteral("wanadoo.fr")};
    const QStringList companies = {QStringLiteral("Mairie"),
                                   QStringLiteral("Boulangerie"),
                                   QStringLiteral("Cabinet médical"),
                                   QStringLiteral("Pharmacie"),
                                   QStringLiteral("Garage"),
                                   QStringLiteral("Bibliothèque municipale")};
    const QStringList reasons = {QStringLiteral("Déménagement"), QStringLiteral("Prix"),
                                 QStringLiteral("Décès"),
                                 QStringLiteral("Lit la version numérique"),
                                 QStringLiteral("Insatisfait de la distribution")};
    QList<QString> recentSubscriberIds; // gift payers are drawn from earlier subscribers

    constexpr qint64 batch = 20000;
    qint64 done = 0;
    while (done < options.subscribers) {
        Transaction tx(db);
        if (!tx.isOpen())
            return tx.beginError();
        const qint64 end = qMin(options.subscribers, done + batch);
        for (; done < end; ++done) {
            Subscriber s;
            s.meta.id = newUuid();
            s.number = number++;
            s.publisherId = publisherId;
            const Commune &commune = communes.at(rng.bounded(int(communes.size())));
            const bool female = chance(52);
            if (chance(3)) {
                s.company = pick(companies) + u' '
                            + Validation::foldForPostal(commune.name).left(20);
                s.company = s.company.left(38).trimmed();
            } else {
                s.civility = female ? QStringLiteral("Mme") : QStringLiteral("M.");
                s.firstName = pick(female ? femaleNames : maleNames);
                s.lastName = pick(lastNames);
            }
            QString street;
            for (int tries = 0; tries < 5; ++tries) {
                street = QString::number(1 + rng.bounded(180))
                         + (chance(5) ? QStringLiteral(" bis ") : QStringLiteral(" "))
                         + pick(streets);
                if (street.size() <= Validation::MaxLineLength)
                    break;
            }
            if (street.size() > Validation::MaxLineLength)
                street = QString::number(1 + rng.bounded(180)) + QStringLiteral(" rue Pasteur");
            s.address.line4 = street;
            if (chance(10))
                s.address.line2 = QStringLiteral("Appartement ")
                                  + QString::number(1 + rng.bounded(80));
            if (chance(5))
                s.address.line3 = QStringLiteral("Résidence Les ") + capitalised(pick(lastNames));
            s.address.postalCode = commune.postalCode;
            s.address.city = commune.routingLabel.isEmpty() ? commune.name : commune.routingLabel;
            if (chance(60) && !s.lastName.isEmpty())
                s.email = asciiLower(s.firstName) + u'.' + asciiLower(s.lastName)
                          + QString::number(rng.bounded(100)) + u'@' + pick(domains);
            if (chance(50)) {
                const int prefix = chance(60) ? 6 + int(rng.bounded(2)) : 1 + int(rng.bounded(5));
                QString digits = u'0' + QString::number(prefix);
                for (int i = 0; i < 4; ++i)
                    digits += u' '
                              + QStringLiteral("%1").arg(rng.bounded(100), 2, 10, QLatin1Char('0'));
                s.phone = digits;
            }
            if (chance(20))
                s.consents = QStringLiteral("newsletter");
            if (Status st = subscriberInsert.insert(s.meta.id, Rows::subscriber(s), at); !st)
                return st.error();
            ++summary.subscribers;
            if (recentSubscriberIds.size() < 1000)
                recentSubscriberIds << s.meta.id;
            else
                recentSubscriberIds[rng.bounded(1000)] = s.meta.id;

            const int count = chance(3) ? 0 : (chance(12) ? 2 : 1);
            for (int k = 0; k < count; ++k) {
                const Offer &offer = catalogue->offers.at(
                    rng.bounded(int(catalogue->offers.size())));
                Subscription sub;
                sub.meta.id = newUuid();
                sub.recipientId = s.meta.id;
                sub.payerId = chance(4) && recentSubscriberIds.size() > 1 ? recentSubscriberIds.at(
                                  rng.bounded(int(recentSubscriberIds.size())))
                                                                          : s.meta.id;
                sub.offerId = offer.meta.id;
                sub.publicationId = offer.publicationId;
                sub.start = today.addDays(-int(rng.bounded(3 * 365)) + 15);
                sub.end = sub.start.addMonths(offer.months).addDays(-1);
                // Most active subscriptions renew: carry the end past today.
                while (sub.end < today && chance(85))
                    sub.end = sub.end.addMonths(offer.months);
                sub.autoRenew = chance(60);
                sub.copies = s.company.isEmpty() ? (chance(2) ? 2 : 1) : 1 + int(rng.bounded(5));
                if (chance(8)) {
                    const qint64 span = qMax<qint64>(1, sub.start.daysTo(sub.end));
                    sub.cancelDate = sub.start.addDays(1 + rng.bounded(span));
                    sub.cancelReason = pick(reasons);
                    sub.autoRenew = false;
                }
                if (Status st = subscriptionInsert.insert(sub.meta.id, Rows::subscription(sub), at);
                    !st)
                    return st.error();
                ++summary.subscriptions;
                const bool live = !sub.cancelDate.isValid() && sub.end >= today
                                  && sub.start <= today;
                if (live && chance(5)) {
                    DeliveryChange c;
                    c.meta.id = newUuid();
                    c.subscriptionId = sub.meta.id;
                    c.from = today.addDays(int(rng.bounded(30)) - 10);
                    c.to = c.from.addDays(2 + rng.bounded(20));
                    if (chance(60)) {
                        c.kind = DeliveryChangeKind::Hold;
                        ++summary.holds;
                    } else {
                        c.kind = DeliveryChangeKind::TemporaryAddress;
                        const Commune &holiday = communes.at(rng.bounded(int(communes.size())));
                        c.address.line4 = QString::number(1 + rng.bounded(60))
                                          + QStringLiteral(" chemin des Dunes");
                        c.address.postalCode = holiday.postalCode;
                        c.address.city = holiday.routingLabel.isEmpty() ? holiday.name
                                                                        : holiday.routingLabel;
                        ++summary.holidayAddresses;
                    }
                    if (Status st = changeInsert.insert(c.meta.id, Rows::deliveryChange(c), at);
                        !st)
                        return st.error();
                }
                if (live && chance(1)) {
                    Complaint c;
                    c.meta.id = newUuid();
                    c.subscriptionId = sub.meta.id;
                    c.issueDate = today.addDays(-1 - int(rng.bounded(20)));
                    c.kind = chance(70) ? ComplaintKind::NotReceived : ComplaintKind::Damaged;
                    c.note = c.kind == ComplaintKind::NotReceived
                                 ? QStringLiteral("Boîte aux lettres vide")
                                 : QStringLiteral("Journal mouillé");
                    if (Status st = complaintInsert.insert(c.meta.id, Rows::complaint(c), at); !st)
                        return st.error();
                    ++summary.complaints;
                }
            }
        }
        if (Status st = store.setMetaValue(QStringLiteral("number_next"), QString::number(number));
            !st)
            return st.error();
        if (Status st = store.setMetaValue(QStringLiteral("demo"), QStringLiteral("1")); !st)
            return st.error();
        if (Status st = tx.commit(); !st)
            return st.error();
        if (options.progress && !options.progress(done, options.subscribers))
            break;
    }
    return summary;
}

} // namespace Relais

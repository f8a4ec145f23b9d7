#include "deskfixture.h"

#include "testsupport.h"

namespace Relais::Test {

DeskFixture::DeskFixture()
{
    auto opened = Store::open(freshDatabasePath());
    if (!opened)
        qFatal("cannot open a desk: %s", qPrintable(opened.error().fullText()));
    m_store.emplace(std::move(opened).value());
    m_store->setActor(Actor{QStringLiteral("test-clerk"), ContactChannel::Phone});
    Publication p;
    p.code = QStringLiteral("LQC");
    p.name = QStringLiteral("Le Quotidien du Centre");
    p.weekdays = *Weekdays::parse(QStringLiteral("1-6"));
    p.cutoff = QTime(14, 0);
    auto pub = m_store->addPublication(p);
    if (!pub)
        qFatal("publication: %s", qPrintable(pub.error().fullText()));
    m_daily = *pub;
    Offer o;
    o.code = QStringLiteral("LQC-12M");
    o.publicationId = m_daily.meta.id;
    o.months = 12;
    o.priceCents = 39900;
    auto offer = m_store->addOffer(o);
    if (!offer)
        qFatal("offer: %s", qPrintable(offer.error().fullText()));
    m_offer = *offer;
}

Subscriber DeskFixture::person(const QString &lastName, const QString &firstName)
{
    Subscriber s;
    s.civility = QStringLiteral("M.");
    s.firstName = firstName;
    s.lastName = lastName;
    s.address.line4 = QStringLiteral("12 rue de la Paix");
    s.address.postalCode = QStringLiteral("75002");
    s.address.city = QStringLiteral("PARIS");
    return s;
}

Subscriber DeskFixture::addPerson(const QString &lastName, const QString &firstName)
{
    auto r = m_store->addSubscriber(person(lastName, firstName));
    if (!r)
        qFatal("subscriber: %s (%s)", qPrintable(r.error().fullText()),
               qPrintable(r.error().detail));
    return *r;
}

Subscription DeskFixture::subscribe(const Subscriber &recipient, QDate start, QDate end, int copies)
{
    Subscription s;
    s.recipientId = recipient.meta.id;
    s.offerId = m_offer.meta.id;
    s.start = start;
    s.end = end;
    s.copies = copies;
    auto r = m_store->addSubscription(s);
    if (!r)
        qFatal("subscription: %s", qPrintable(r.error().fullText()));
    return *r;
}

} // namespace Relais::Test

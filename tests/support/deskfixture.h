#pragma once
// A fresh desk with one daily title (Monday to Saturday, cut-off 14:00) and a 12-month offer, and
// shorthands to add subscribers and subscriptions in tests.

#include "store.h"

#include <QTest>

namespace Relais::Test {

class DeskFixture
{
public:
    DeskFixture();
    Store &store() { return *m_store; }
    const Publication &daily() const { return m_daily; }
    const Offer &dailyOffer() const { return m_offer; }

    // A valid French subscriber (Paris 2e), with the given last name.
    static Subscriber person(const QString &lastName,
                             const QString &firstName = QStringLiteral("Jean"));
    Subscriber addPerson(const QString &lastName,
                         const QString &firstName = QStringLiteral("Jean"));
    Subscription subscribe(const Subscriber &recipient, QDate start, QDate end = {},
                           int copies = 1);

private:
    std::optional<Store> m_store;
    Publication m_daily;
    Offer m_offer;
};

} // namespace Relais::Test

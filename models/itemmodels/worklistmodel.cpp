#include "worklistmodel.h"

#include "recordmodels.h"

namespace Relais {

QVariant ExpiringModel::cell(const ExpiringRow &r, int column, int role) const
{
    if (role == SeqRole)
        return r.subscriberSeq;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case EndColumn: return Labels::date(r.end);
    case NumberColumn: return r.number;
    case NameColumn: return r.name;
    case TitleColumn: return r.title;
    case OfferColumn: return r.offer;
    case AutoRenewColumn: return r.autoRenew ? tr("yes") : tr("no");
    default: return {};
    }
}

QString ExpiringModel::header(int column) const
{
    switch (column) {
    case EndColumn: return tr("Ends on");
    case NumberColumn: return tr("No.");
    case NameColumn: return tr("Subscriber");
    case TitleColumn: return tr("Title");
    case OfferColumn: return tr("Offer");
    case AutoRenewColumn: return tr("Auto-renewal");
    default: return {};
    }
}

QVariant ChangeStartModel::cell(const ChangeStartRow &r, int column, int role) const
{
    if (role == SeqRole)
        return r.subscriberSeq;
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case KindColumn: return Labels::changeKind(r.kind);
    case NumberColumn: return r.number;
    case NameColumn: return r.name;
    case TitleColumn: return r.title;
    case FromColumn: return Labels::date(r.from);
    case ToColumn: return Labels::date(r.to);
    default: return {};
    }
}

QString ChangeStartModel::header(int column) const
{
    switch (column) {
    case KindColumn: return tr("Kind");
    case NumberColumn: return tr("No.");
    case NameColumn: return tr("Subscriber");
    case TitleColumn: return tr("Title");
    case FromColumn: return tr("From");
    case ToColumn: return tr("To");
    default: return {};
    }
}

} // namespace Relais

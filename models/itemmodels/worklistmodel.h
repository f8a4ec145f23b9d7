#pragma once
// The worklists: subscriptions coming to term (renewal campaigns) and holds or holiday addresses
// starting tomorrow (what changes on tomorrow's labels). Rows come from DeskQueries in a worker.

#include "deskqueries.h"
#include "listtablemodel.h"

namespace Relais {

class ExpiringModel final : public ListTableModel<ExpiringRow>
{
    Q_OBJECT
public:
    enum Column {
        EndColumn,
        NumberColumn,
        NameColumn,
        TitleColumn,
        OfferColumn,
        AutoRenewColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1 };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const ExpiringRow &row, int column, int role) const override;
    QString header(int column) const override;
};

class ChangeStartModel final : public ListTableModel<ChangeStartRow>
{
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        NumberColumn,
        NameColumn,
        TitleColumn,
        FromColumn,
        ToColumn,
        ColumnCount
    };
    enum Role { SeqRole = Qt::UserRole + 1 };
    using ListTableModel::ListTableModel;

protected:
    int columns() const override { return ColumnCount; }
    QVariant cell(const ChangeStartRow &row, int column, int role) const override;
    QString header(int column) const override;
};

} // namespace Relais

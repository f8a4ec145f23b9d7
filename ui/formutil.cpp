#include "formutil.h"

#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace Relais::Ui {

QDateEdit *makeDateEdit(QDate value, QWidget *parent)
{
    auto *e = new QDateEdit(value, parent);
    e->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    e->setCalendarPopup(true);
    return e;
}

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QStringLiteral("error"));
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b00020;"));
    l->hide();
    return l;
}

void showError(QLabel *label, const Error &error)
{
    QStringList lines;
    for (const Issue &i : error.issues)
        if (!lines.contains(i.message))
            lines << i.message;
    if (lines.isEmpty() || (error.kind != ErrorKind::Invalid && !lines.contains(error.message)))
        lines.prepend(error.message);
    label->setText(lines.join(u'\n'));
    label->show();
}

void clearError(QLabel *label)
{
    label->clear();
    label->hide();
}

void fitColumns(QTableView *view, int maxWidth)
{
    view->resizeColumnsToContents();
    for (int c = 0; c < view->horizontalHeader()->count(); ++c)
        if (view->columnWidth(c) > maxWidth)
            view->setColumnWidth(c, maxWidth);
}

} // namespace Relais::Ui

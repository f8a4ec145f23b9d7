#include "formutil.h"

#include "datefield.h"

#include <QDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLayout>
#include <QLabel>
#include <QTableView>

namespace Relais::Ui {

DateField *makeDateField(QDate value, QWidget *parent)
{
    return new DateField(value, parent);
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
    // A dialog grows to show the reason; its fields keep their height.
    if (auto *dialog = qobject_cast<QDialog *>(label->window()))
        growToFit(dialog);
}

void padFormLabels(QFormLayout *form)
{
    for (int row = 0; row < form->rowCount(); ++row)
        if (QLayoutItem *item = form->itemAt(row, QFormLayout::LabelRole))
            if (auto *label = qobject_cast<QLabel *>(item->widget()))
                label->setMinimumWidth(label->sizeHint().width() + 4);
}

void growToFit(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout)
        return;
    layout->activate();
    const QSize hint = window->sizeHint().expandedTo(window->minimumSizeHint());
    const int width = qMax(window->width(), hint.width());
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : hint.height();
    if (width > window->width() || height > window->height())
        window->resize(width, qMax(window->height(), height));
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

#pragma once
// Small helpers the record's dialogs share.

#include "result.h"

#include <QDate>
#include <QList>
#include <QString>

class QFormLayout;
class QLabel;
class QTableView;
class QWidget;

namespace Relais::Ui {

class DateField;
// The application's date field (datefield.h), holding value.
DateField *makeDateField(QDate value, QWidget *parent);
// A red, wrapping label for reasons a change was refused; hidden while empty.
QLabel *makeErrorLabel(QWidget *parent);
// Shows an error (its message, then each field's reason) in such a label.
void showError(QLabel *label, const Error &error);
void clearError(QLabel *label);
// A few pixels after each label of a form: some words ("Téléphone" with its mnemonic) render a
// pixel wider than the label measures them, and the last letter was cut.
void padFormLabels(QFormLayout *form);
// Makes a window tall and wide enough for its layout again (after a message appeared); never shrinks.
void growToFit(QWidget *window);
// Sizes a small table's columns to their contents, none wider than maxWidth (long values get a
// tooltip or an ellipsis rather than pushing the other columns out of sight).
void fitColumns(QTableView *view, int maxWidth = 220);
// Each column's natural width: its contents and its header whole.
QList<int> naturalColumnWidths(QTableView *view);
// Cuts the widest of `widths` to one common width (never below `minimum`) until they fit in `room`.
void shrinkColumnWidths(QList<int> &widths, int room, int minimum);
// Columns as wide as their contents while the table is wide enough; when it is not, the widest give
// way first, so that no column is pushed out of sight behind a horizontal scroll bar. Kept so when
// the table is resized.
void fitColumnsToView(QTableView *view);

} // namespace Relais::Ui

#pragma once
// Small helpers the record's dialogs share.

#include "result.h"

#include <QDate>
#include <QString>

class QDateEdit;
class QLabel;
class QTableView;
class QWidget;

namespace Relais::Ui {

// A date field in the French order with a calendar, never empty.
QDateEdit *makeDateEdit(QDate value, QWidget *parent);
// A red, wrapping label for reasons a change was refused; hidden while empty.
QLabel *makeErrorLabel(QWidget *parent);
// Shows an error (its message, then each field's reason) in such a label.
void showError(QLabel *label, const Error &error);
void clearError(QLabel *label);
// Sizes a small table's columns to their contents, none wider than maxWidth (long values get a
// tooltip or an ellipsis rather than pushing the other columns out of sight).
void fitColumns(QTableView *view, int maxWidth = 220);

} // namespace Relais::Ui

#pragma once
// Hidden measurements for docs/benchmarks.md, run against the real window:
//   relais --db big.sqlite --measure "martin,dupont lyon,75015"
// prints the time to a usable window, each search-as-you-type step (one per keystroke, each
// waiting for its answer), the p95, and the time to show the last row.

#include <QElapsedTimer>
#include <QStringList>

namespace Relais::Ui {
class MainWindow;
}

namespace Relais::Measure {

// Starts once the window is shown; quits the application when done.
void run(Ui::MainWindow *window, const QStringList &searches, const QElapsedTimer &sinceStart);

} // namespace Relais::Measure

package org.callsign.cluster;

import org.callsign.presence.CallsContract;
import org.callsign.presence.Registry;

/** The call rules over the data-grid store. */
class GridCallsTest extends CallsContract {

    @Override
    protected Registry emptyRegistry() {
        return SharedGrid.emptyRegistry();
    }
}

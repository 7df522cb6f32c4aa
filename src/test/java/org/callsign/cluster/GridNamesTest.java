package org.callsign.cluster;

import org.callsign.presence.PresenceContract;
import org.callsign.presence.Registry;

/** The name rules over the data-grid store. */
class GridNamesTest extends PresenceContract {

    @Override
    protected Registry emptyRegistry() {
        return SharedGrid.emptyRegistry();
    }
}

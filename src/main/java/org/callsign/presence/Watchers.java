package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.callsign.message.ServerMessage.UserList;

/**
 * The logins watching who is online (docs/protocol.md rule 23, {@code watch}): each is sent the
 * list for its prefix again when that list changed, at most once a period. The router's
 * once-a-second pass compares the names' current snapshot with the one each watcher was last
 * looked at against, by reference, so with nobody logging in or out a pass costs a few
 * nanoseconds per watcher and sends nothing: an idle page costs the server no frames at all.
 */
final class Watchers {

    /** {@code seen}: the snapshot {@code sent} was checked against; {@code sentAt}: when it was sent. */
    private record Watch(Member member, String prefix, SortedNames seen, Listing sent, long sentAt) {
    }

    private final long periodNanos;
    private final Map<String, Watch> byMember = new ConcurrentHashMap<>();

    Watchers(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    /** {@code member} was just sent {@code sent}, listed from {@code seen}, and watches {@code prefix} from now on. */
    void watch(Member member, String prefix, SortedNames seen, Listing sent, long nowNanos) {
        byMember.put(member.id(), new Watch(member, prefix, seen, sent, nowNanos));
    }

    void stop(Member member) {
        byMember.remove(member.id());
    }

    /** Sends each watcher whose period has passed its list again, if it changed since it was sent. */
    void push(SortedNames online, long nowNanos) {
        byMember.forEach((id, watch) -> {
            if (watch.seen() == online || nowNanos - watch.sentAt() < periodNanos) {
                return;
            }
            Listing listing = Listing.of(online, watch.prefix());
            boolean changed = !listing.equals(watch.sent());
            Watch next = changed ? new Watch(watch.member(), watch.prefix(), online, listing, nowNanos)
                    : new Watch(watch.member(), watch.prefix(), online, watch.sent(), watch.sentAt());
            // Unless a users message replaced the watch meanwhile: then that reply is the newer.
            if (byMember.replace(id, watch, next) && changed) {
                watch.member().outbox().deliver(new UserList(listing.names(), listing.total()));
            }
        });
    }
}

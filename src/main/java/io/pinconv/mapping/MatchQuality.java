package io.pinconv.mapping;

import java.util.Collection;

/**
 * How many events carried each kind of identifier Pinterest matches on: the more, the better the
 * match rate. Counted over the events Pinterest accepted.
 */
public record MatchQuality(
        long email, long phone, long mobileAdId, long ipAndUserAgent, long clickId, long externalId) {

    public static final MatchQuality NONE = new MatchQuality(0, 0, 0, 0, 0, 0);

    public static MatchQuality of(Collection<ConversionEvent> events) {
        long em = 0, ph = 0, maid = 0, ipUa = 0, click = 0, ext = 0;
        for (ConversionEvent e : events) {
            em += e.hasUserData("em") ? 1 : 0;
            ph += e.hasUserData("ph") ? 1 : 0;
            maid += e.hasUserData("hashed_maids") ? 1 : 0;
            ipUa += e.hasUserData("client_ip_address") && e.hasUserData("client_user_agent") ? 1 : 0;
            click += e.hasUserData("click_id") ? 1 : 0;
            ext += e.hasUserData("external_id") ? 1 : 0;
        }
        return new MatchQuality(em, ph, maid, ipUa, click, ext);
    }
}

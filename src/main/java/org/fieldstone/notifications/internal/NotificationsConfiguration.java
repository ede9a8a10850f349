package org.fieldstone.notifications.internal;

import java.time.Clock;
import java.util.List;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dispatcher, with every {@link ChannelSender} bean of the application and this node's id. */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean(destroyMethod = "stop")
    Dispatcher notificationDispatcher(CompanyDatabases databases, Companies companies, NotificationService service,
                                      List<ChannelSender> senders, Clock clock,
                                      @Value("${fieldstone.notifications.node-id:}") String node) {
        return new Dispatcher(databases, companies, service, senders, clock, node);
    }
}

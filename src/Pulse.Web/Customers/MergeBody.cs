namespace Pulse.Web.Customers;
